package io.circles.events.content;

import java.time.Instant;
import java.util.List;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A merchant listed a product. */
public record ProductListed(
        String productId,
        String merchantId,
        String title,
        long priceCents,
        String currency,
        int stock,
        List<String> images,
        Instant listedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.merchant.product-listed.v1";

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
        return productId;
    }
}
