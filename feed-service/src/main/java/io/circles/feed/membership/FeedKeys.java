package io.circles.feed.membership;

/**
 * Redis key names of the feed. Hash tags ({@code {c:…}}, {@code {u:…}}) keep each aggregate's keys in one slot,
 * so the same commands run on Redis Cluster.
 */
public final class FeedKeys {

    private FeedKeys() {
    }

    /** SET of the user ids that are members of a community (projection of membership events). */
    public static String members(String communityId) {
        return "members:{c:" + communityId + "}";
    }
}
