package io.circles.merchant.content;

import java.time.Instant;
import java.util.List;

import io.circles.events.Media;
import io.circles.events.ProductCard;

/** A merchant post as clients see it, with the current cards of the products it carries. */
public record PostView(String id, String merchantId, String authorId, String text, List<Media> media,
        Instant publishedAt, List<ProductCard> products) {
}
