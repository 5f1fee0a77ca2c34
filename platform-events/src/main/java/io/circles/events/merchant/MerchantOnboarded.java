package io.circles.events.merchant;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A merchant opened a life account: ACTIVE at once for low-risk categories, else PENDING_REVIEW. */
public record MerchantOnboarded(
        String merchantId,
        String ownerId,
        String name,
        String category,
        String city,
        double lat,
        double lon,
        String status,
        Instant onboardedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.merchant.merchant-onboarded.v1";

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
