package io.circles.feed.timeline;

import java.time.Instant;
import java.util.List;

import io.circles.events.Media;
import io.circles.events.Venue;

/** The card a client renders: stored once as {@code item:<id>} and served as an element of every feed. */
public record FeedItem(
        String id,
        String kind,
        boolean sponsored,
        Instant publishedAt,
        String author,
        CommunityRef community,
        MerchantRef merchant,
        String text,
        List<Media> media,
        ActivityInfo activity,
        String promotionId) {

    public static final String COMMUNITY_POST = "COMMUNITY_POST";
    public static final String ACTIVITY = "ACTIVITY";
    public static final String MERCHANT_POST = "MERCHANT_POST";
    public static final String REMINDER = "REMINDER";

    /** The community an item belongs to. */
    public record CommunityRef(String id, String name) {
    }

    /** The merchant an item belongs to. */
    public record MerchantRef(String id, String name) {
    }

    /** What an activity card shows. */
    public record ActivityInfo(String id, String title, Instant startsAt, Instant endsAt, Venue venue,
            Integer capacity) {
    }

    public FeedItem withText(String newText, List<Media> newMedia) {
        return new FeedItem(id, kind, sponsored, publishedAt, author, community, merchant, newText, newMedia,
                activity, promotionId);
    }

    public FeedItem withActivity(String newText, ActivityInfo newActivity) {
        return new FeedItem(id, kind, sponsored, publishedAt, author, community, merchant, newText, media,
                newActivity, promotionId);
    }

    public FeedItem sponsoredBy(String promotion) {
        return new FeedItem(id, kind, true, publishedAt, author, community, merchant, text, media, activity,
                promotion);
    }

    /** The score of the item in a timeline: publish time in ms, exact in a double. */
    public double score() {
        return publishedAt.toEpochMilli();
    }
}
