package io.circles.feed.membership;

/**
 * Redis key names of the feed. Hash tags ({@code {c:…}}, {@code {u:…}}, {@code {m:…}}) keep each aggregate's keys
 * in one slot, so the same commands run on Redis Cluster. Every command touches one key (or one slot), never two slots.
 */
public final class FeedKeys {

    /** SET of the communities above the fan-out threshold; read-merged instead of fanned out. */
    public static final String LARGE_COMMUNITIES = "large-communities";

    /**
     * ZSET of the communities with posts stored but not yet fanned out, each scored by the Kafka offset of its newest
     * stored post: a home page read-merges their timelines, as it does large communities', until the fan-out is past.
     */
    public static final String FANNING_OUT = "fanning-out";

    /** SET of the promotions that may fill a slot right now. */
    public static final String ACTIVE_PROMOTIONS = "promotions:active";

    /**
     * SET of the merchants a platform-admin suspended: their posts are served from no feed and their promotions fill no
     * slot while they are in it (items stay stored, so an approval brings them back at once).
     */
    public static final String SUSPENDED_MERCHANTS = "merchants:suspended";

    /**
     * Explore's keys share one hash tag: a page reads them in one pipeline, on Redis Cluster too (one slot: at most
     * {@code feed.explore.candidates} items, a few MB).
     */
    private static final String EXPLORE = "explore:{x}:";

    /**
     * ZSET of explore's candidates (public community posts and activities, merchant posts and activities, of the last
     * days), scored by publish time (ms).
     */
    public static final String EXPLORE_CANDIDATES = EXPLORE + "candidates";

    /**
     * HASH item id → what explore filters a candidate on (JSON: published, author, community or merchant, city,
     * interests).
     */
    public static final String EXPLORE_ITEMS = EXPLORE + "items";

    /** HASH item id → likes (the post's reaction count), for candidates only. */
    public static final String EXPLORE_LIKES = EXPLORE + "likes";

    /** HASH item id → comment count, for candidates only. */
    public static final String EXPLORE_COMMENTS = EXPLORE + "comments";

    /** HASH item id → people going (an activity's going count), for candidates only. */
    public static final String EXPLORE_GOING = EXPLORE + "going";

    /**
     * ZSET of communities whose items explore does not serve (turned private or archived), scored by when they were
     * hidden; kept one window, after which none of their items is recent enough to be served.
     */
    public static final String EXPLORE_HIDDEN_COMMUNITIES = EXPLORE + "hidden-communities";

    private FeedKeys() {
    }

    /** SET of the user ids that are members of a community (projection of membership events). */
    public static String members(String communityId) {
        return "members:{c:" + communityId + "}";
    }

    /** HASH of what the feed knows about a community: name, visibility, interests, city, archived. */
    public static String communityMeta(String communityId) {
        return "cmeta:{c:" + communityId + "}";
    }

    /** ZSET of a community's recent items scored by publish time (ms). */
    public static String communityTimeline(String communityId) {
        return "ctl:{c:" + communityId + "}";
    }

    /** SET of the user ids following a merchant. */
    public static String followers(String merchantId) {
        return "followers:{m:" + merchantId + "}";
    }

    /**
     * HASH of what the feed knows about a merchant (projection of merchant-onboarded): name, city, category, owner.
     * Explore places the merchant's posts and activities in its city.
     */
    public static String merchantMeta(String merchantId) {
        return "mmeta:{m:" + merchantId + "}";
    }

    /** ZSET of a merchant's recent posts scored by publish time (ms). */
    public static String merchantTimeline(String merchantId) {
        return "mtl:{m:" + merchantId + "}";
    }

    /** ZSET home timeline of a user: item ids scored by publish time (ms). */
    public static String timeline(String userId) {
        return "tl:{u:" + userId + "}";
    }

    /**
     * ZSET of the items fanned out to a user since the inbox was last merged into the timeline (a few dozen, same
     * scores and members): readers read both.
     */
    public static String inbox(String userId) {
        return "inbox:{u:" + userId + "}";
    }

    /** Scratch ZSET of a backfill into a user's timeline (same slot as the timeline; deleted by the same script). */
    public static String timelineMerge(String userId) {
        return "tl-merge:{u:" + userId + "}";
    }

    /** SET of the communities a user belongs to. */
    public static String userCommunities(String userId) {
        return "ucs:{u:" + userId + "}";
    }

    /** SET of the merchants a user follows. */
    public static String userFollows(String userId) {
        return "ufs:{u:" + userId + "}";
    }

    /** The card of an item, a JSON string stored once and shared by every timeline. */
    public static String card(String itemId) {
        return "item:" + itemId;
    }

    /** Tombstone of a removed item, so a replayed publish does not bring it back. */
    public static String removed(String itemId) {
        return "gone:" + itemId;
    }

    /** The card face of a person, a JSON string {id, displayName, avatarUrl} (projection of profile-updated). */
    public static String profile(String userId) {
        return "profile:{u:" + userId + "}";
    }

    /** SET of the user ids a user blocks: their items are left out of the user's feeds. */
    public static String blocks(String userId) {
        return "blocks:{u:" + userId + "}";
    }

    /** HASH of a promotion: merchantId, postId, interests, cities. */
    public static String promotion(String promotionId) {
        return "promo:" + promotionId;
    }

    /** SET of the merchant posts whose cards show a product: a product's change rewrites each of them. */
    public static String productPosts(String productId) {
        return "product-posts:" + productId;
    }

    /** Who an impression was served to and of what ("user|promotion|merchant|post"), kept while it may be clicked. */
    public static String impression(String impressionId) {
        return "imp:" + impressionId;
    }

    /** Present once a click on the impression was recorded: one click per impression. */
    public static String clicked(String impressionId) {
        return "click:" + impressionId;
    }

    /** Present while the user is active: fan-out skips users without it (expires after the active window). */
    public static String seen(String userId) {
        return "seen:{u:" + userId + "}";
    }

    /**
     * Present while the user has a live stream open on some replica (refreshed while it lasts, expires soon after):
     * fan-out announces new items on the user's channel only then.
     */
    public static String streaming(String userId) {
        return "streaming:{u:" + userId + "}";
    }

    /** Every live channel: each replica holds one pattern subscription and routes to its open streams. */
    public static final String LIVE_PATTERN = "live:*";

    /** Pub/sub channel announcing new items of a community: how streams learn of its posts before any fan-out. */
    public static String liveCommunity(String communityId) {
        return "live:{c:" + communityId + "}";
    }

    /** Pub/sub channel announcing item ids landing in a user's timeline. */
    public static String live(String userId) {
        return "live:{u:" + userId + "}";
    }
}
