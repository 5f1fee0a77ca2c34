package io.circles.events.merchant;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A user followed a merchant. */
public record MerchantFollowed(
        String merchantId,
        String userId,
        Instant followedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.merchant.merchant-followed.v1";

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
        return merchantId + "/followers/" + userId;
    }
}
