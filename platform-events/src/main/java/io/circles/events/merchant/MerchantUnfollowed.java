package io.circles.events.merchant;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A user stopped following a merchant. */
public record MerchantUnfollowed(
        String merchantId,
        String userId,
        Instant unfollowedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.merchant.merchant-unfollowed.v1";

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
