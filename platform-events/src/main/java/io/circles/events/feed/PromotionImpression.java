package io.circles.events.feed;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** feed-service served a promoted slot to a user; merchant-service counts it once against the budget. */
public record PromotionImpression(
        String impressionId,
        String promotionId,
        String merchantId,
        String postId,
        String userId,
        Instant servedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.feed.promotion-impression.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String topic() {
        return Topics.FEED_IMPRESSIONS;
    }

    @Override
    public String key() {
        return promotionId;
    }

    @Override
    public String subject() {
        return impressionId;
    }
}
