package io.circles.feed.timeline;

import java.time.Instant;
import java.util.List;

import io.circles.events.Media;
import io.circles.events.ProductCard;
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
        String promotionId,
        List<ProductCard> products,
        String impressionId) {

    public static final String COMMUNITY_POST = "COMMUNITY_POST";
    public static final String ACTIVITY = "ACTIVITY";
    public static final String MERCHANT_POST = "MERCHANT_POST";
    public static final String REMINDER = "REMINDER";

    /** A card without products: every kind but a merchant post that carries some. */
    public FeedItem(String id, String kind, boolean sponsored, Instant publishedAt, String author,
            CommunityRef community, MerchantRef merchant, String text, List<Media> media, ActivityInfo activity,
            String promotionId) {
        this(id, kind, sponsored, publishedAt, author, community, merchant, text, media, activity, promotionId, null,
                null);
    }

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
                activity, promotionId, products, impressionId);
    }

    public FeedItem withActivity(String newText, ActivityInfo newActivity) {
        return new FeedItem(id, kind, sponsored, publishedAt, author, community, merchant, newText, media,
                newActivity, promotionId, products, impressionId);
    }

    /** The card in a sponsored slot: {@code impression} is the id the reader may click it with. */
    public FeedItem sponsoredBy(String promotion, String impression) {
        return new FeedItem(id, kind, true, publishedAt, author, community, merchant, text, media, activity,
                promotion, products, impression);
    }

    /** The card with one of its products' card replaced by {@code changed}; other cards stay as they were. */
    public FeedItem withProduct(ProductCard changed) {
        if (products == null) {
            return this;
        }
        List<ProductCard> updated = products.stream()
                .map(product -> product.id().equals(changed.id()) ? changed : product).toList();
        return new FeedItem(id, kind, sponsored, publishedAt, author, community, merchant, text, media, activity,
                promotionId, updated, impressionId);
    }

    /** The score of the item in a timeline: publish time in ms, exact in a double. */
    public double score() {
        return publishedAt.toEpochMilli();
    }
}
