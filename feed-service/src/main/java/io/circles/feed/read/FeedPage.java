package io.circles.feed.read;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.circles.feed.people.AuthorProfile;
import io.circles.feed.timeline.FeedItem;

/**
 * A page of a feed: {@code {"items": [...], "nextCursor": "..."|null}}. {@code authors} are the profiles of the
 * items' authors, joined in when the page is written: each item is written with its author's as
 * {@code authorProfile} ({@link FeedPageWriter}).
 */
public record FeedPage(List<FeedItem> items, String nextCursor, @JsonIgnore Map<String, AuthorProfile> authors) {

    public FeedPage(List<FeedItem> items, String nextCursor) {
        this(items, nextCursor, Map.of());
    }

    public FeedPage withAuthors(Map<String, AuthorProfile> profiles) {
        return new FeedPage(items, nextCursor, profiles);
    }
}
