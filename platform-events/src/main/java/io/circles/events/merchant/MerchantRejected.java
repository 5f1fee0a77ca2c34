package io.circles.events.merchant;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A platform admin turned down a merchant under review, with the reason its owner is told. */
public record MerchantRejected(
        String merchantId,
        String ownerId,
        String reason,
        Instant rejectedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.merchant.merchant-rejected.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String topic() {
        return Topics.MERCHANT_EVENTS;
    }

    @Override
    public String key() {
        return merchantId;
    }

    @Override
    public String subject() {
        return merchantId;
    }
}
