package io.circles.feed.read;

import java.util.List;

import io.circles.feed.timeline.FeedItem;

/** A page of a feed: {@code {"items": [...], "nextCursor": "..."|null}}. */
public record FeedPage(List<FeedItem> items, String nextCursor) {
}
