package io.circles.events.merchant;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A platform admin approved a merchant under review; it may now publish. */
public record MerchantApproved(
        String merchantId,
        String approvedBy,
        Instant approvedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.merchant.merchant-approved.v1";

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
