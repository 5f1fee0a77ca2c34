package io.circles.events.content;

import java.time.Instant;
import java.util.List;

import io.circles.events.IntegrationEvent;
import io.circles.events.Media;
import io.circles.events.ProductCard;
import io.circles.events.Topics;

/** A merchant published an image-text or short-video post on its life account. */
public record MerchantPostPublished(
        String postId,
        String merchantId,
        String merchantName,
        String authorId,
        String text,
        List<Media> media,
        Instant publishedAt,
        List<ProductCard> products) implements IntegrationEvent {

    public static final String TYPE = "io.circles.merchant.merchant-post-published.v1";

    /** A post without products (the field came later: events written before it have none). */
    public MerchantPostPublished(String postId, String merchantId, String merchantName, String authorId, String text,
            List<Media> media, Instant publishedAt) {
        this(postId, merchantId, merchantName, authorId, text, media, publishedAt, List.of());
    }

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
        return postId;
    }
}
