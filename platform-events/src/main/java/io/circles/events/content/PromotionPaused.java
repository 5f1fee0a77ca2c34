package io.circles.events.content;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A promotion was paused by its merchant: it is not served until resumed. */
public record PromotionPaused(
        String promotionId,
        String merchantId,
        Instant pausedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.merchant.promotion-paused.v1";

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
