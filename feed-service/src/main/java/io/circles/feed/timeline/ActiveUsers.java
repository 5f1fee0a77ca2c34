package io.circles.feed.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.circles.feed.FeedConfig;
import io.circles.feed.membership.FeedKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who is worth fanning out to. A user unseen for the active window is skipped by fan-out (most writes would go to
 * timelines nobody reads); on their next visit the timeline is refilled from their communities' and merchants'
 * recent timelines before it is read. The refill is a backfill (ZADD by id), so it leaves no gap and no duplicate.
 */
@ApplicationScoped
public class ActiveUsers {

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, String> values;
    private final ReactiveSetCommands<String, String> sets;
    private final Timelines timelines;
    private final FeedConfig config;

    ActiveUsers(ReactiveRedisDataSource redis, Timelines timelines, FeedConfig config) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.sets = redis.set(String.class);
        this.timelines = timelines;
        this.config = config;
    }

    /** Marks the user seen now; a user who was not active gets their timeline refilled first. */
    public Uni<Void> seen(String userId) {
        return values.setGet(FeedKeys.seen(userId), "1", new SetArgs().ex(config.activeWindow()))
                .chain(previous -> previous != null ? Uni.createFrom().voidItem() : refill(userId));
    }

    /**
     * Copies a source's recent items into the timeline of an active user (who joined a community or followed a
     * merchant). An inactive user is left alone: their next visit refills the timeline from every source they have,
     * this one included, so copying now would only write a timeline nobody reads. No window is lost either way: the
     * source is added to the user's sources before this check, and a visit marks the user seen before it lists them.
     */
    public Uni<Void> backfillIfActive(String userId, String sourceKey) {
        return redis.key(String.class).exists(FeedKeys.seen(userId)).chain(active -> active
                ? timelines.backfill(userId, sourceKey)
                : Uni.createFrom().voidItem());
    }

    /**
     * Refills the timeline of a user whose visit found them away (no {@code seen} mark): from every source they have,
     * large communities excepted.
     */
    public Uni<Void> refill(String userId) {
        Uni<Set<String>> communities = sets.smembers(FeedKeys.userCommunities(userId));
        Uni<Set<String>> merchants = sets.smembers(FeedKeys.userFollows(userId));
        Uni<Set<String>> large = sets.smembers(FeedKeys.LARGE_COMMUNITIES);
        return Uni.combine().all().unis(communities, merchants, large).asTuple().chain(tuple -> {
            List<String> sources = new ArrayList<>();
            for (String community : tuple.getItem1()) {
                // Large communities are merged on read, never copied.
                if (!tuple.getItem3().contains(community)) {
                    sources.add(FeedKeys.communityTimeline(community));
                }
            }
            for (String merchant : tuple.getItem2()) {
                sources.add(FeedKeys.merchantTimeline(merchant));
            }
            return timelines.backfill(userId, sources);
        });
    }
}
