package io.circles.feed.timeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.circles.feed.FeedConfig;
import io.circles.feed.membership.FeedKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The feed's cards as readers need them: parsed, and kept in this replica by item id, so a page of cards read before
 * costs no card transfer from Redis. Thousands of readers share the recent items of their communities, and a card
 * rarely changes after it is written (an edit, a removal, a replayed publish). Every write of a card is announced on
 * {@link #CHANGED} ({@link #changed}), and every replica drops its copy when it hears it. A card read from Redis while
 * a change was heard is not kept (the read may predate the change); a lost subscription empties the cache when it is
 * back; copies live {@code feed.card-cache-max-age} at most, a bound on staleness should an announcement still be
 * missed. Hits and misses: {@code cache_gets_total{cache="cards"}}.
 */
@ApplicationScoped
public class Cards {

    /** The channel of card changes: the item id of every card written or deleted. */
    public static final String CHANGED = "cards:changed";
    private static final Logger LOG = Logger.getLogger(Cards.class);

    private final ReactiveValueCommands<String, String> values;
    private final ReactivePubSubCommands<String> pubsub;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final boolean cluster;
    /** Absent when {@code feed.card-cache-size} is 0: every read goes to Redis. */
    private final Cache<String, FeedItem> cache;
    /** Changes heard (or made) by this replica; a read that saw it move keeps nothing. */
    private final AtomicLong changes = new AtomicLong();
    /** Cards are kept only while changes can be heard. */
    private volatile boolean listening;
    private volatile boolean stopping;

    Cards(ReactiveRedisDataSource redis, @RedisClientName(FeedConfig.READS) ReactiveRedisDataSource reads,
            ObjectMapper json, Vertx vertx, FeedConfig config, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType) {
        // Cards are read by page reads only (the projections write them in Timelines): the read path's connections.
        this.values = reads.value(String.class);
        this.pubsub = redis.pubsub(String.class);
        this.json = json;
        this.vertx = vertx;
        this.cluster = "cluster".equalsIgnoreCase(clientType);
        this.cache = config.cardCacheSize() <= 0 ? null : Caffeine.newBuilder()
                .maximumSize(config.cardCacheSize())
                .expireAfterWrite(config.cardCacheMaxAge())
                .executor(Runnable::run)
                .recordStats()
                .build();
        if (cache != null) {
            CaffeineCacheMetrics.monitor(registry, cache, "cards");
        }
    }

    /** The cards of these items, by item id; an item without a card (removed, expired) is absent. */
    public Uni<Map<String, FeedItem>> get(Collection<String> itemIds) {
        Map<String, FeedItem> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String id : itemIds) {
            FeedItem known = cache == null ? null : cache.getIfPresent(id);
            if (known != null) {
                found.put(id, known);
            } else {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().item(found);
        }
        return Uni.createFrom().deferred(() -> {
            long before = changes.get();
            return stored(missing).map(texts -> {
                for (int i = 0; i < missing.size(); i++) {
                    String text = texts.get(i);
                    if (text != null) {
                        FeedItem card = parse(text);
                        found.put(missing.get(i), card);
                        keep(missing.get(i), card, before);
                    }
                }
                return found;
            });
        });
    }

    /** One item's card, or null when it has none. */
    public Uni<FeedItem> get(String itemId) {
        return get(List.of(itemId)).map(found -> found.get(itemId));
    }

    /**
     * Announces that the card of this item was written or deleted: this replica forgets it at once, the others when
     * they hear it. Call after the write.
     */
    public Uni<Void> changed(String itemId) {
        forget(itemId);
        return pubsub.publish(CHANGED, itemId).replaceWithVoid();
    }

    /** Forgets every card (the feed's Redis was emptied). */
    public void clear() {
        changes.incrementAndGet();
        if (cache != null) {
            cache.invalidateAll();
        }
    }

    /** Parses a stored card. */
    public FeedItem parse(String stored) {
        try {
            return json.readValue(stored, FeedItem.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable card", e);
        }
    }

    private void keep(String itemId, FeedItem card, long changesBefore) {
        if (cache == null || !listening || changes.get() != changesBefore) {
            return;
        }
        cache.put(itemId, card);
        // A change heard between the check and the put forgets after it: the counter moves before the forgetting.
        if (changes.get() != changesBefore) {
            cache.invalidate(itemId);
        }
    }

    /**
     * This replica forgets its copy of the card: for a write whose announcement on {@link #CHANGED} went out with it
     * (a script that publishes it); {@link #changed} does both otherwise.
     */
    public void forget(String itemId) {
        changes.incrementAndGet();
        if (cache != null) {
            cache.invalidate(itemId);
        }
    }

    /**
     * The stored cards of these items, in their order (null where there is none). One MGET on one Redis. On a
     * cluster, one GET per key sent together: the cluster client splits a cross-slot MGET by slot and joins the
     * replies in slot order, not key order (vert-x3/vertx-redis-client#537), which would hand cards to the wrong ids.
     */
    private Uni<List<String>> stored(List<String> itemIds) {
        String[] keys = itemIds.stream().map(FeedKeys::card).toArray(String[]::new);
        if (!cluster) {
            return values.mget(keys).map(byKey -> {
                List<String> texts = new ArrayList<>(keys.length);
                for (String key : keys) {
                    texts.add(byKey.get(key));
                }
                return texts;
            });
        }
        List<Uni<String>> gets = new ArrayList<>(keys.length);
        for (String key : keys) {
            gets.add(values.get(key));
        }
        return Uni.join().all(gets).andFailFast();
    }

    void start(@Observes StartupEvent event) {
        subscribe();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    private void subscribe() {
        pubsub.subscribe(List.of(CHANGED), this::forget, this::resubscribe, failure -> resubscribe())
                .subscribe().with(subscribed -> {
                    // reads begun before this moment keep nothing: they may predate a change no one heard
                    listening = true;
                    changes.incrementAndGet();
                    LOG.debug("listening for card changes");
                }, failure -> resubscribe());
    }

    /** Changes may have been missed while the subscription was down: nothing kept from before it is trusted. */
    private void resubscribe() {
        listening = false;
        clear();
        if (!stopping) {
            LOG.warn("card change subscription lost (Redis restarted?); subscribing again in 1 s");
            vertx.setTimer(1_000, id -> subscribe());
        }
    }
}
