package io.circles.events.content;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Targeting;
import io.circles.events.Topics;

/** A merchant promoted one of its posts to users matching the targeting, within a budget of impressions. */
public record PromotionLaunched(
        String promotionId,
        String merchantId,
        String postId,
        long budgetImpressions,
        Targeting targeting,
        Instant startsAt,
        Instant endsAt,
        Instant launchedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.merchant.promotion-launched.v1";

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
