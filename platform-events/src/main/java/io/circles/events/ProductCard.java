package io.circles.events;

/** A product as a post shows it: enough to render a card and link to the product (imageUrl: its first image). */
public record ProductCard(
        String id,
        String title,
        long priceCents,
        String currency,
        String imageUrl) {
}
