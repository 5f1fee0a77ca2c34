package io.circles.events.content;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A merchant post was removed: it disappears from every feed. */
public record MerchantPostRemoved(
        String postId,
        String merchantId,
        String removedBy,
        Instant removedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.merchant.merchant-post-removed.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String topic() {
        return Topics.MERCHANT_CONTENT;
    }

    @Override
    public String key() {
        return merchantId;
    }

    @Override
    public String subject() {
        return postId;
    }
}
