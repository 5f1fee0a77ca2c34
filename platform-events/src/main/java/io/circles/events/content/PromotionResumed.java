package io.circles.events.content;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A paused promotion was resumed and may be served again. */
public record PromotionResumed(
        String promotionId,
        String merchantId,
        Instant resumedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.merchant.promotion-resumed.v1";

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
        return promotionId;
    }
}
