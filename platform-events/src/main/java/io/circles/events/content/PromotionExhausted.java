package io.circles.events.content;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A promotion served its whole budget; it is never served again. Emitted exactly once. */
public record PromotionExhausted(
        String promotionId,
        String merchantId,
        long impressionsServed,
        long budgetImpressions,
        Instant exhaustedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.merchant.promotion-exhausted.v1";

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
