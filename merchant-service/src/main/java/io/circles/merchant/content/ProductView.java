package io.circles.merchant.content;

import java.time.Instant;
import java.util.List;

/** A product as clients see it. */
public record ProductView(String id, String merchantId, String title, long priceCents, String currency, int stock,
        List<String> images, String offerId, Instant createdAt, Instant updatedAt) {

    public static ProductView of(Product product) {
        return new ProductView(product.id, product.merchantId, product.title, product.priceCents, product.currency,
                product.stock, product.images, product.offerId, product.createdAt, product.updatedAt);
    }
}
