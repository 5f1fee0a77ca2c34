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

    private final ReactiveSetCommands<String, String> sets;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final FeedConfig config;

    Communities(ReactiveRedisDataSource redis, FeedConfig config) {
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

    /** Remembers the name and visibility a post carries, for communities created before the feed existed. */
    public Uni<Void> noteFromPost(String communityId, String name, String visibility) {
        return hashes.hsetnx(FeedKeys.communityMeta(communityId), "name", name == null ? "" : name)
                .chain(() -> hashes.hsetnx(FeedKeys.communityMeta(communityId), "visibility",
                        visibility == null ? "PUBLIC" : visibility))
                .replaceWithVoid();
    }
}
