package io.circles.feed.explore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.feed.membership.FeedKeys;
import io.circles.feed.timeline.Timelines;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Explore's candidates in Redis (the {@code explore:{x}:} keys, one slot): adding and trimming them, their counters,
 * removing them and hiding communities. What becomes a candidate is decided by {@link ExploreCandidates}.
 */
@ApplicationScoped
class ExploreStore {

    private static final String[] COUNTERS = {FeedKeys.EXPLORE_LIKES, FeedKeys.EXPLORE_COMMENTS,
            FeedKeys.EXPLORE_GOING};

    /**
     * Rewrites candidates that are still candidates: run as one script, so a candidate removed meanwhile (its id out
     * of the ZSET, then its data out of the HASH) is not written back.
     */
    private static final String REWRITE = """
            for i = 1, #ARGV, 2 do
                if redis.call('ZSCORE', KEYS[1], ARGV[i]) then
                    redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
                end
            end
            return 0
            """;

    private final Redis redis;
    private final Timelines timelines;
    private final ObjectMapper json;
    private final ExploreConfig config;
    private final Clock clock;

    ExploreStore(Redis redis, Timelines timelines, ObjectMapper json, ExploreConfig config) {
        this.redis = redis;
        this.timelines = timelines;
        this.json = json;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    /**
     * Adds a candidate unless it is too old or was removed (a replayed publish), and trims candidates past the window
     * or the cap, with their counters, and communities hidden for longer than the window.
     */
    Uni<Void> add(String itemId, Instant published, Candidate candidate) {
        long now = clock.millis();
        long since = now - config.window().toMillis();
        if (published.toEpochMilli() < since) {
            return Uni.createFrom().voidItem();
        }
        String stored = write(candidate);
        return timelines.isRemoved(itemId).chain(removed -> {
            if (removed) {
                return Uni.createFrom().voidItem();
            }
            List<Request> batch = List.of(
                    Request.cmd(Command.HSET).arg(FeedKeys.EXPLORE_ITEMS).arg(itemId).arg(stored),
                    Request.cmd(Command.ZADD).arg(FeedKeys.EXPLORE_CANDIDATES).arg(published.toEpochMilli())
                            .arg(itemId),
                    Request.cmd(Command.ZRANGE).arg(FeedKeys.EXPLORE_CANDIDATES).arg("-inf").arg("(" + since)
                            .arg("BYSCORE"),
                    Request.cmd(Command.ZRANGE).arg(FeedKeys.EXPLORE_CANDIDATES).arg(0)
                            .arg(-(config.candidates() + 1)),
                    Request.cmd(Command.ZREMRANGEBYSCORE).arg(FeedKeys.EXPLORE_HIDDEN_COMMUNITIES).arg("-inf")
                            .arg("(" + since));
            return redis.batch(batch).chain(replies -> {
                Set<String> gone = new LinkedHashSet<>();
                gone.addAll(strings(replies.get(2)));
                gone.addAll(strings(replies.get(3)));
                return gone.isEmpty() ? Uni.createFrom().voidItem() : remove(gone);
            });
        });
    }

    /** The stored candidates among these ids (those that are none are left out), in the order given. */
    Uni<Map<String, Candidate>> candidates(List<String> itemIds) {
        if (itemIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return redis.send(withArgs(Request.cmd(Command.HMGET).arg(FeedKeys.EXPLORE_ITEMS), itemIds)).map(reply -> {
            Map<String, Candidate> found = new LinkedHashMap<>();
            for (int i = 0; i < itemIds.size(); i++) {
                Response stored = reply.get(i);
                if (stored != null) {
                    found.put(itemIds.get(i), read(stored.toString()));
                }
            }
            return found;
        });
    }

    /** Replaces what explore knows of these candidates; ids that are no candidate (any more) stay none. */
    Uni<Void> rewrite(Map<String, Candidate> changed) {
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Request eval = Request.cmd(Command.EVAL).arg(REWRITE).arg(2).arg(FeedKeys.EXPLORE_CANDIDATES)
                .arg(FeedKeys.EXPLORE_ITEMS);
        changed.forEach((id, candidate) -> eval.arg(id).arg(write(candidate)));
        return redis.send(eval).replaceWithVoid();
    }

    /** Sets a candidate's counter to the count an event carries; items that are no candidate get none. */
    Uni<Void> count(String counter, String itemId, int count) {
        return redis.send(Request.cmd(Command.ZSCORE).arg(FeedKeys.EXPLORE_CANDIDATES).arg(itemId))
                .chain(score -> score == null
                        ? Uni.createFrom().voidItem()
                        : redis.send(Request.cmd(Command.HSET).arg(counter).arg(itemId).arg(count))
                                .replaceWithVoid());
    }

    Uni<Void> remove(String itemId) {
        return remove(List.of(itemId));
    }

    private Uni<Void> remove(Collection<String> itemIds) {
        List<Request> batch = new ArrayList<>();
        batch.add(withArgs(Request.cmd(Command.ZREM).arg(FeedKeys.EXPLORE_CANDIDATES), itemIds));
        batch.add(withArgs(Request.cmd(Command.HDEL).arg(FeedKeys.EXPLORE_ITEMS), itemIds));
        for (String counter : COUNTERS) {
            batch.add(withArgs(Request.cmd(Command.HDEL).arg(counter), itemIds));
        }
        return redis.batch(batch).replaceWithVoid();
    }

    Uni<Void> hide(String communityId, boolean hidden) {
        Request request = hidden
                ? Request.cmd(Command.ZADD).arg(FeedKeys.EXPLORE_HIDDEN_COMMUNITIES).arg(clock.millis())
                        .arg(communityId)
                : Request.cmd(Command.ZREM).arg(FeedKeys.EXPLORE_HIDDEN_COMMUNITIES).arg(communityId);
        return redis.send(request).replaceWithVoid();
    }

    private String write(Candidate candidate) {
        try {
            return json.writeValueAsString(candidate);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Candidate read(String stored) {
        try {
            return json.readValue(stored, Candidate.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable explore candidate", e);
        }
    }

    static Request withArgs(Request request, Collection<String> args) {
        for (String arg : args) {
            request.arg(arg);
        }
        return request;
    }

    static List<String> strings(Response reply) {
        List<String> result = new ArrayList<>();
        if (reply != null) {
            for (Response entry : reply) {
                result.add(entry.toString());
            }
        }
        return result;
    }
}
