package io.circles.feed.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.circles.feed.membership.Communities;
import io.circles.feed.membership.FeedKeys;
import io.circles.feed.timeline.ActiveUsers;
import io.circles.feed.timeline.FeedItem;
import io.circles.feed.timeline.TimelineMember;
import io.circles.feed.timeline.Cards;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Items landing in a user's timeline, as they land. A community post is announced on its community's Redis channel
 * when it is stored; the fan-out publishes each new id on the user's channel from inside its write script (merchant
 * posts, activities, reminders, and posts of communities joined meanwhile); every feed-service replica receives all
 * announcements through one pattern subscription and passes them to the streams it holds. A stream that ends (client gone) just leaves the registry.
 * While a user has a stream open, a short-lived marker says so (refreshed every 20 s, gone 60 s after the last
 * stream): fan-out publishes on a user's channel only then, not once per timeline write.
 */
@ApplicationScoped
public class LiveFeed {

    private static final Logger LOG = Logger.getLogger(LiveFeed.class);
    private static final Duration MARKER_TTL = Duration.ofSeconds(60);
    private static final Duration MARKER_REFRESH = Duration.ofSeconds(20);
    /** Ids a stream remembers having passed on: more than one fan-out can lag behind its community's channel. */
    private static final int DEDUPE_WINDOW = 1024;

    private final ReactivePubSubCommands<String> pubsub;
    private final ReactiveValueCommands<String, String> values;
    private final Cards cards;
    private final ActiveUsers activeUsers;
    private final Communities communities;
    private final Vertx vertx;
    private final Map<String, Set<MultiEmitter<? super String>>> listeners = new ConcurrentHashMap<>();
    /** Open streams per user in this replica: whose stream markers to keep alive. */
    private final Map<String, Integer> streams = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    LiveFeed(ReactiveRedisDataSource redis, Cards cards, ActiveUsers activeUsers, Communities communities,
            Vertx vertx) {
        this.vertx = vertx;
        this.pubsub = redis.pubsub(String.class);
        this.values = redis.value(String.class);
        this.cards = cards;
        this.activeUsers = activeUsers;
        this.communities = communities;
    }

    /**
     * The user's new items; connecting counts as a visit, so fan-out includes the user from now on. A community post
     * comes on its community's channel as soon as it is stored and again on the user's channel once fanned out (the
     * only way for communities joined while the stream is open): the stream passes each item on once.
     */
    public Multi<FeedItem> of(String userId) {
        RecentIds delivered = new RecentIds(DEDUPE_WINDOW);
        return activeUsers.seen(userId)
                .chain(() -> markStreaming(userId))
                .chain(() -> communities.of(userId))
                .onItem().transformToMulti(memberOf -> {
                    List<String> channels = new ArrayList<>();
                    channels.add(FeedKeys.live(userId));
                    for (String community : memberOf) {
                        channels.add(FeedKeys.liveCommunity(community));
                    }
                    return announcements(userId, channels);
                })
                .onItem().transformToUniAndConcatenate(member -> cards.get(TimelineMember.itemId(member)))
                // Only items found count as delivered: an id announced before its card is stored (the fan-out ran
                // ahead) comes again on the community's channel with it.
                .filter(card -> card != null && delivered.add(card.id()));
    }

    /** Ids announced on {@code channels} to this replica, for as long as the stream lasts. */
    private Multi<String> announcements(String userId, List<String> channels) {
        return Multi.createFrom().emitter(emitter -> {
            streams.merge(userId, 1, Integer::sum);
            for (String channel : channels) {
                listeners.computeIfAbsent(channel, key -> ConcurrentHashMap.newKeySet()).add(emitter);
            }
            emitter.onTermination(() -> {
                // The marker is left to expire: another replica may hold a stream of the same user.
                streams.computeIfPresent(userId, (key, count) -> count == 1 ? null : count - 1);
                for (String channel : channels) {
                    listeners.computeIfPresent(channel, (key, set) -> {
                        set.remove(emitter);
                        return set.isEmpty() ? null : set;
                    });
                }
            });
        });
    }

    /** How many open streams listen on {@code channel} in this replica. */
    public int listeners(String channel) {
        Set<MultiEmitter<? super String>> set = listeners.get(channel);
        return set == null ? 0 : set.size();
    }

    /**
     * One pattern subscription per replica carries every announcement; streams register in memory. A per-stream
     * Redis subscription would cost a connection per connected client and outlive clients that vanish mid-handshake.
     */
    void start(@Observes StartupEvent event) {
        subscribe();
        vertx.setPeriodic(MARKER_REFRESH.toMillis(), id -> streams.keySet().forEach(user -> markStreaming(user)
                .subscribe().with(ok -> { }, failure -> LOG.debugf("stream marker of %s not refreshed", user))));
    }

    /** Fan-out announces on the user's channel while this marker exists (see {@link FeedKeys#streaming}). */
    private Uni<Void> markStreaming(String userId) {
        return values.set(FeedKeys.streaming(userId), "1", new SetArgs().ex(MARKER_TTL));
    }

    private void subscribe() {
        pubsub.subscribeToPattern(FeedKeys.LIVE_PATTERN, this::dispatch, this::resubscribe, failure -> resubscribe())
                .subscribe().with(subscribed -> LOG.debug("listening for live feed announcements"),
                        failure -> resubscribe());
    }

    private void resubscribe() {
        if (!stopping) {
            LOG.warn("live feed subscription lost (Redis restarted?); subscribing again in 1 s");
            vertx.setTimer(1_000, id -> subscribe());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    private void dispatch(String channel, String itemId) {
        Set<MultiEmitter<? super String>> set = listeners.get(channel);
        if (set != null) {
            for (MultiEmitter<? super String> emitter : set) {
                emitter.emit(itemId);
            }
        }
    }
}
