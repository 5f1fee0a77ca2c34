package io.circles.events.feed;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A user clicked a sponsored slot served to them; merchant-service counts one click per impression. */
public record PromotionClicked(
        String impressionId,
        String promotionId,
        String merchantId,
        String postId,
        String userId,
        Instant clickedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.feed.promotion-click.v1";

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
