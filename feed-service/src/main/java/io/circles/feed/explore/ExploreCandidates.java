package io.circles.feed.explore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.activity.ActivityCancelled;
import io.circles.events.activity.ActivityScheduled;
import io.circles.events.activity.RsvpChanged;
import io.circles.events.community.CommunityArchived;
import io.circles.events.community.CommunityUpdated;
import io.circles.events.post.CommentAdded;
import io.circles.events.post.PostPublished;
import io.circles.events.post.PostReacted;
import io.circles.events.post.PostRemoved;
import io.circles.feed.membership.Communities;
import io.circles.feed.membership.FeedKeys;
import io.circles.feed.timeline.Timelines;
import io.circles.platform.messaging.IncomingEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Explore's candidates and their engagement, kept by the projections that already read the events (one call each, after
 * their own work): a public community's post or activity becomes a candidate when published, likes, comments and people
 * going are copied from the counts the events carry (absolute counts, so a replayed event changes nothing), and an item
 * leaves when removed or cancelled. A community turned private or archived is hidden as a whole
 * ({@link FeedKeys#EXPLORE_HIDDEN_COMMUNITIES}) rather than its items found and removed; public again, they are back.
 * It stays hidden for one window: what it published before is older than the window by then, and what it publishes
 * while private is no candidate.
 * Merchant posts and merchant-hosted activities are no candidates: explore is about communities.
 */
@ApplicationScoped
public class ExploreCandidates {

    static final String PUBLIC = "PUBLIC";

    private static final String[] COUNTERS = {FeedKeys.EXPLORE_LIKES, FeedKeys.EXPLORE_COMMENTS,
            FeedKeys.EXPLORE_GOING};

    private final Redis redis;
    private final Communities communities;
    private final Timelines timelines;
    private final ObjectMapper json;
    private final ExploreConfig config;
    private final Clock clock;

    ExploreCandidates(Redis redis, Communities communities, Timelines timelines, ObjectMapper json,
            ExploreConfig config) {
        this.redis = redis;
        this.communities = communities;
        this.timelines = timelines;
        this.json = json;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    /** What this event changes in explore; events explore does not use change nothing. */
    public Uni<Void> apply(IncomingEvent event) {
        return switch (event.type()) {
            case PostPublished.TYPE -> {
                PostPublished post = event.dataAs(PostPublished.class, json);
                yield PUBLIC.equals(post.visibility())
                        ? add(post.postId(), post.publishedAt(), Candidate.of(post.publishedAt().toEpochMilli(),
                                post.authorId(), post.communityId(), post.city(), post.interests()))
                        : Uni.createFrom().voidItem();
            }
            case PostReacted.TYPE -> {
                PostReacted reacted = event.dataAs(PostReacted.class, json);
                yield count(FeedKeys.EXPLORE_LIKES, reacted.postId(), reacted.reactionCount());
            }
            case CommentAdded.TYPE -> {
                CommentAdded comment = event.dataAs(CommentAdded.class, json);
                yield count(FeedKeys.EXPLORE_COMMENTS, comment.postId(), comment.commentCount());
            }
            case PostRemoved.TYPE -> remove(event.dataAs(PostRemoved.class, json).postId());
            case ActivityScheduled.TYPE -> schedule(event.dataAs(ActivityScheduled.class, json));
            case RsvpChanged.TYPE -> {
                RsvpChanged rsvp = event.dataAs(RsvpChanged.class, json);
                yield count(FeedKeys.EXPLORE_GOING, rsvp.activityId(), rsvp.goingCount());
            }
            case ActivityCancelled.TYPE -> remove(event.dataAs(ActivityCancelled.class, json).activityId());
            case CommunityUpdated.TYPE -> {
                CommunityUpdated updated = event.dataAs(CommunityUpdated.class, json);
                yield hide(updated.communityId(), !PUBLIC.equals(updated.visibility()));
            }
            case CommunityArchived.TYPE -> hide(event.dataAs(CommunityArchived.class, json).communityId(), true);
            default -> Uni.createFrom().voidItem();
        };
    }

    /**
     * An activity of a public community that the feed knows (its community events are on another topic: an activity
     * scheduled before the feed heard of its community is no candidate, as it cannot be placed in a city).
     */
    private Uni<Void> schedule(ActivityScheduled scheduled) {
        if (scheduled.communityId() == null) {
            return Uni.createFrom().voidItem();
        }
        return communities.meta(scheduled.communityId()).chain(meta -> isPublic(meta)
                ? add(scheduled.activityId(), scheduled.scheduledAt(),
                        Candidate.of(scheduled.scheduledAt().toEpochMilli(), scheduled.organizerId(),
                                scheduled.communityId(), meta.get("city"), interests(meta.get("interests"))))
                : Uni.createFrom().voidItem());
    }

    private static boolean isPublic(Map<String, String> meta) {
        return PUBLIC.equals(meta.get("visibility")) && !"true".equals(meta.get("archived"));
    }

    private static List<String> interests(String stored) {
        return stored == null || stored.isBlank() ? List.of() : Arrays.asList(stored.split(","));
    }

    /**
     * Adds a candidate unless it is too old or was removed (a replayed publish), and trims candidates past the window
     * or the cap, with their counters, and communities hidden for longer than the window.
     */
    private Uni<Void> add(String itemId, Instant published, Candidate candidate) {
        long now = clock.millis();
        long since = now - config.window().toMillis();
        if (published.toEpochMilli() < since) {
            return Uni.createFrom().voidItem();
        }
        String stored;
        try {
            stored = json.writeValueAsString(candidate);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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

    /** Sets a candidate's counter to the count an event carries; items that are no candidate get none. */
    private Uni<Void> count(String counter, String itemId, int count) {
        return redis.send(Request.cmd(Command.ZSCORE).arg(FeedKeys.EXPLORE_CANDIDATES).arg(itemId))
                .chain(score -> score == null
                        ? Uni.createFrom().voidItem()
                        : redis.send(Request.cmd(Command.HSET).arg(counter).arg(itemId).arg(count))
                                .replaceWithVoid());
    }

    private Uni<Void> remove(String itemId) {
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

    private Uni<Void> hide(String communityId, boolean hidden) {
        Request request = hidden
                ? Request.cmd(Command.ZADD).arg(FeedKeys.EXPLORE_HIDDEN_COMMUNITIES).arg(clock.millis())
                        .arg(communityId)
                : Request.cmd(Command.ZREM).arg(FeedKeys.EXPLORE_HIDDEN_COMMUNITIES).arg(communityId);
        return redis.send(request).replaceWithVoid();
    }

    private static Request withArgs(Request request, Collection<String> args) {
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
