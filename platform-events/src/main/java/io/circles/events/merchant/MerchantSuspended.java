package io.circles.events.merchant;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A platform admin suspended a merchant: its content and promotions stop. */
public record MerchantSuspended(
        String merchantId,
        String suspendedBy,
        String reason,
        Instant suspendedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.merchant.merchant-suspended.v1";

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
