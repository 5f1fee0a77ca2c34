package io.circles.feed.timeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.feed.FeedConfig;
import io.circles.feed.membership.FeedKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.ScoredValue;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes of the feed: cards stored once, ids fanned out to timelines. Every write is idempotent (ZADD/ZREM by id,
 * SET of a whole card), so a redelivered or replayed event leaves Redis as it was.
 */
@ApplicationScoped
public class Timelines {

    /**
     * Add + trim + announce in one round trip per timeline. The announcement only fires when the id is new, so a
     * redelivery does not push the item to live streams twice.
     */
    private static final String ADD_TRIM_ANNOUNCE = """
            if #KEYS > 1 and redis.call('EXISTS', KEYS[2]) == 0 then
                return 0
            end
            local added = redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
            redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(tonumber(ARGV[3]) + 1))
            if added == 1 and ARGV[4] ~= '' and redis.call('ZSCORE', KEYS[1], ARGV[2]) then
                redis.call('PUBLISH', ARGV[4], ARGV[2])
            end
            return added
            """;

    private final ReactiveRedisDataSource redis;
    private final Redis pipeline;
    private final ReactiveValueCommands<String, String> values;
    private final ReactiveSortedSetCommands<String, String> zsets;
    private final ObjectMapper json;
    private final FeedConfig config;

    Timelines(ReactiveRedisDataSource redis, Redis pipeline, ObjectMapper json, FeedConfig config) {
        this.redis = redis;
        this.pipeline = pipeline;
        this.values = redis.value(String.class);
        this.zsets = redis.sortedSet(String.class);
        this.json = json;
        this.config = config;
    }

    /** True when the item was removed before: a replayed publish must not resurrect it. */
    public Uni<Boolean> isRemoved(String itemId) {
        return redis.key(String.class).exists(FeedKeys.removed(itemId));
    }

    /** Stores (or overwrites) the card and places its id in the source timeline (community or merchant). */
    public Uni<Void> store(FeedItem card, String sourceKey) {
        return store(card, sourceKey, "");
    }

    /** As {@link #store(FeedItem, String)}, announcing a new id on {@code channel} (large communities' streams). */
    public Uni<Void> store(FeedItem card, String sourceKey, String channel) {
        return values.set(FeedKeys.card(card.id()), write(card), new SetArgs().ex(config.cardTtl()))
                .chain(() -> addAndTrim(sourceKey, null, card.score(), card.id(), config.sourceTimelineSize(),
                        channel))
                .replaceWithVoid();
    }

    /** Stores a card that lives in no source timeline (a reminder). */
    public Uni<Void> storeCard(FeedItem card) {
        return values.set(FeedKeys.card(card.id()), write(card), new SetArgs().ex(config.cardTtl()));
    }

    /**
     * Adds the id to each active user's home timeline, one pipelined round trip per batch of users (every command
     * of a batch written at once on one connection), never one awaited round trip per user. Inactive users are
     * skipped inside the script (their timeline is refilled from the source timelines when they come back).
     */
    public Uni<Void> fanOut(Collection<String> users, String itemId, double score) {
        return fanOut(users, itemId, score, true);
    }

    /** Adds the id to every named user's timeline, active or not: for items no source timeline holds (reminders). */
    public Uni<Void> deliver(Collection<String> users, String itemId, double score) {
        return fanOut(users, itemId, score, false);
    }

    private Uni<Void> fanOut(Collection<String> users, String itemId, double score, boolean activeOnly) {
        return Multi.createFrom().iterable(batches(users))
                .onItem().transformToUniAndConcatenate(batch -> {
                    List<Request> writes = new ArrayList<>(batch.size());
                    for (String user : batch) {
                        writes.add(addAndTrimRequest(FeedKeys.timeline(user),
                                activeOnly ? FeedKeys.seen(user) : null, score, itemId, config.timelineSize(),
                                FeedKeys.live(user)));
                    }
                    return pipeline.batch(writes);
                })
                .collect().last().replaceWithVoid();
    }

    /** Rewrites an existing card; a missing card (removed or expired) stays missing. */
    public Uni<Void> rewrite(String itemId, UnaryOperator<FeedItem> change) {
        return values.get(FeedKeys.card(itemId)).chain(stored -> stored == null
                ? Uni.createFrom().voidItem()
                : values.set(FeedKeys.card(itemId), write(change.apply(read(stored))),
                        new SetArgs().keepttl()));
    }

    /** Removes an item everywhere: tombstone, card, source timeline and the given users' timelines. */
    public Uni<Void> remove(String itemId, String sourceKey, Collection<String> users) {
        return values.set(FeedKeys.removed(itemId), "1", new SetArgs().ex(config.cardTtl()))
                .chain(() -> redis.key(String.class).del(FeedKeys.card(itemId)))
                .chain(() -> sourceKey == null ? Uni.createFrom().item(0) : zsets.zrem(sourceKey, itemId))
                .chain(() -> Multi.createFrom().iterable(batches(users))
                        .onItem().transformToUniAndConcatenate(batch -> {
                            List<Request> removals = new ArrayList<>(batch.size());
                            for (String user : batch) {
                                removals.add(Request.cmd(Command.ZREM).arg(FeedKeys.timeline(user)).arg(itemId));
                            }
                            return pipeline.batch(removals);
                        })
                        .collect().last())
                .replaceWithVoid();
    }

    /**
     * Copies the recent items of a source into a user's timeline: only those newer than the oldest entry of a full
     * timeline, so a backfill never pushes out the user's own newer items or adds items trimming would drop at once.
     */
    public Uni<Void> backfill(String userId, String sourceKey) {
        String timeline = FeedKeys.timeline(userId);
        return zsets.zcard(timeline)
                .chain(size -> size < config.timelineSize()
                        ? Uni.createFrom().item(Double.NEGATIVE_INFINITY)
                        : zsets.zrangeWithScores(timeline, 0, 0).map(oldest -> oldest.isEmpty()
                                ? Double.NEGATIVE_INFINITY : oldest.get(0).score()))
                .chain(floor -> zsets.zrangebyscoreWithScores(sourceKey,
                        new ScoreRange<>(floor, false, Double.POSITIVE_INFINITY, true),
                        new ZRangeArgs().limit(0, Integer.MAX_VALUE)))
                .map(older -> older.size() <= config.backfillSize() ? older
                        : older.subList(older.size() - config.backfillSize(), older.size()))
                .chain(recent -> {
                    if (recent.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return zsets.zadd(timeline, recent.toArray(ScoredValue[]::new))
                            .chain(() -> zsets.zremrangebyrank(timeline, 0, -(config.timelineSize() + 1L)))
                            .replaceWithVoid();
                });
    }

    /** Removes every item of a source from a user's timeline (leave, ban, unfollow). */
    public Uni<Void> unlink(String userId, String sourceKey) {
        return zsets.zrange(sourceKey, 0, -1).chain(ids -> ids.isEmpty()
                ? Uni.createFrom().voidItem()
                : zsets.zrem(FeedKeys.timeline(userId), ids.toArray(String[]::new)).replaceWithVoid());
    }

    /** Parses a stored card. */
    public FeedItem read(String stored) {
        try {
            return json.readValue(stored, FeedItem.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable card", e);
        }
    }

    private Uni<Integer> addAndTrim(String key, String activeKey, double score, String itemId, int size,
            String channel) {
        return pipeline.send(addAndTrimRequest(key, activeKey, score, itemId, size, channel))
                .map(response -> response.toInteger());
    }

    private static Request addAndTrimRequest(String key, String activeKey, double score, String itemId, int size,
            String channel) {
        Request request = Request.cmd(Command.EVAL).arg(ADD_TRIM_ANNOUNCE);
        if (activeKey == null) {
            request.arg(1).arg(key);
        } else {
            request.arg(2).arg(key).arg(activeKey);
        }
        return request.arg(Long.toString((long) score)).arg(itemId).arg(size).arg(channel);
    }

    private List<List<String>> batches(Collection<String> users) {
        List<List<String>> batches = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String user : users) {
            current.add(user);
            if (current.size() == config.fanOutBatch()) {
                batches.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    private String write(FeedItem card) {
        try {
            return json.writeValueAsString(card);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("card not serialisable", e);
        }
    }
}
