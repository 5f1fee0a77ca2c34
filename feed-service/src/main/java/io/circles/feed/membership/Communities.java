package io.circles.feed.membership;

import java.util.Map;
import java.util.Set;

import io.circles.feed.FeedConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the feed knows about communities: members, metadata and whether a community is large. Large is sticky: once a
 * community has crossed the threshold its items are read-merged for good, so crossing back can neither lose items
 * (they were never fanned out) nor duplicate them (reads dedupe by id).
 */
@ApplicationScoped
public class Communities {

    /** Forgets a community's fanning-out mark once the fan-out has reached its newest stored post (by offset). */
    private static final String FANNED_OUT = """
            local newest = redis.call('ZSCORE', KEYS[1], ARGV[1])
            if newest and tonumber(newest) <= tonumber(ARGV[2]) then
                return redis.call('ZREM', KEYS[1], ARGV[1])
            end
            return 0
            """;

    private final ReactiveRedisDataSource redis;
    private final ReactiveSetCommands<String, String> sets;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final FeedConfig config;

    Communities(ReactiveRedisDataSource redis, FeedConfig config) {
        this.redis = redis;
        this.sets = redis.set(String.class);
        this.hashes = redis.hash(String.class);
        this.config = config;
    }

    public Uni<Set<String>> members(String communityId) {
        return sets.smembers(FeedKeys.members(communityId));
    }

    public Uni<Boolean> isMember(String communityId, String userId) {
        return sets.sismember(FeedKeys.members(communityId), userId);
    }

    public Uni<Boolean> isLarge(String communityId) {
        return sets.sismember(FeedKeys.LARGE_COMMUNITIES, communityId);
    }

    public Uni<Set<String>> large() {
        return sets.smembers(FeedKeys.LARGE_COMMUNITIES);
    }

    /** The communities whose newest stored posts are not fanned out yet (see {@link FeedKeys#FANNING_OUT}). */
    public Uni<Set<String>> fanningOut() {
        return redis.sortedSet(String.class).zrange(FeedKeys.FANNING_OUT, 0, -1).map(Set::copyOf);
    }

    public Uni<Set<String>> of(String userId) {
        return sets.smembers(FeedKeys.userCommunities(userId));
    }

    public Uni<Map<String, String>> meta(String communityId) {
        return hashes.hgetall(FeedKeys.communityMeta(communityId));
    }

    /**
     * The members to fan an item out to, or an empty set when the community is (or has just become) large and its
     * items are read-merged instead.
     */
    public Uni<Set<String>> fanOutTargets(String communityId) {
        return isLarge(communityId).chain(large -> {
            if (large) {
                return Uni.createFrom().item(Set.<String>of());
            }
            return sets.scard(FeedKeys.members(communityId)).chain(count -> {
                if (count > config.largeCommunityThreshold()) {
                    return sets.sadd(FeedKeys.LARGE_COMMUNITIES, communityId).replaceWith(Set.<String>of());
                }
                return members(communityId);
            });
        });
    }

    /**
     * Marks a community as fanning out up to the post at {@code offset} of its partition (a community's posts share
     * one partition: their offsets grow in the order both consumer groups see them).
     */
    public Uni<Void> fanningOut(String communityId, long offset) {
        return redis.execute("ZADD", FeedKeys.FANNING_OUT, "GT", Long.toString(offset), communityId).replaceWithVoid();
    }

    /**
     * The fan-out is done with the post at {@code offset}: the mark goes when no newer post of the community was
     * stored meanwhile. A mark left behind (the fan-out ran ahead of the cards) only makes reads merge the community's
     * timeline until its next post is fanned out: reads dedupe by id.
     */
    public Uni<Void> fannedOut(String communityId, long offset) {
        return redis.execute("EVAL", FANNED_OUT, "1", FeedKeys.FANNING_OUT, communityId, Long.toString(offset))
                .replaceWithVoid();
    }

    /** Remembers the name and visibility a post carries, for communities created before the feed existed. */
    public Uni<Void> noteFromPost(String communityId, String name, String visibility) {
        return hashes.hsetnx(FeedKeys.communityMeta(communityId), "name", name == null ? "" : name)
                .chain(() -> hashes.hsetnx(FeedKeys.communityMeta(communityId), "visibility",
                        visibility == null ? "PUBLIC" : visibility))
                .replaceWithVoid();
    }
}
