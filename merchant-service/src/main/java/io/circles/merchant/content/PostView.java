package io.circles.merchant.content;

import java.time.Instant;
import java.util.List;

import io.circles.events.Media;

/** A merchant post as clients see it. */
public record PostView(String id, String merchantId, String authorId, String text, List<Media> media,
        Instant publishedAt) {
}
