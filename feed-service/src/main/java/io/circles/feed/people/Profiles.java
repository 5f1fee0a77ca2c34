package io.circles.feed.people;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.circles.events.people.ProfileUpdated;
import io.circles.feed.FeedConfig;
import io.circles.feed.membership.FeedKeys;
import io.circles.feed.read.FeedPage;
import io.circles.feed.timeline.FeedItem;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Author profiles, joined into each page when it is written rather than copied into cards: a card is stored once and
 * sits in thousands of timelines, so a rename would otherwise rewrite every card the person ever wrote. The projection
 * is one small JSON string per person ({@link FeedKeys#profile}); a replica keeps what it read for
 * {@code feed.profile-cache-max-age}, which bounds how long an old name shows. Hits and misses:
 * {@code cache_gets_total{cache="profiles"}}.
 */
@ApplicationScoped
public class Profiles {

    private final ReactiveValueCommands<String, String> values;
    private final ObjectMapper json;
    private final boolean cluster;
    /** Absent when {@code feed.profile-cache-size} is 0. */
    private final Cache<String, AuthorProfile> cache;

    Profiles(ReactiveRedisDataSource redis, ObjectMapper json, FeedConfig config, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType) {
        this.values = redis.value(String.class);
        this.json = json;
        this.cluster = "cluster".equalsIgnoreCase(clientType);
        this.cache = config.profileCacheSize() <= 0 ? null : Caffeine.newBuilder()
                .maximumSize(config.profileCacheSize())
                .expireAfterWrite(config.profileCacheMaxAge())
                .executor(Runnable::run)
                .recordStats()
                .build();
        if (cache != null) {
            CaffeineCacheMetrics.monitor(registry, cache, "profiles");
        }
    }

    /** Stores the card face of a person from profile-updated; a redelivery writes the same value again. */
    public Uni<Void> save(ProfileUpdated updated) {
        AuthorProfile profile = new AuthorProfile(updated.userId(), updated.displayName(), updated.avatarUrl());
        try {
            return values.set(FeedKeys.profile(updated.userId()), json.writeValueAsString(profile))
                    .invoke(() -> forget(updated.userId()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a profile", e);
        }
    }

    /** The page with the profile of each item's author beside it. */
    public Uni<FeedPage> join(FeedPage page) {
        Set<String> authors = new LinkedHashSet<>();
        for (FeedItem item : page.items()) {
            if (item.author() != null) {
                authors.add(item.author());
            }
        }
        if (authors.isEmpty()) {
            return Uni.createFrom().item(page);
        }
        return of(authors).map(profiles -> page.withAuthors(profiles));
    }

    /** The profiles of these people, by user id; one without a stored profile shows their id. */
    public Uni<Map<String, AuthorProfile>> of(Set<String> userIds) {
        Map<String, AuthorProfile> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String id : userIds) {
            AuthorProfile known = cache == null ? null : cache.getIfPresent(id);
            if (known != null) {
                found.put(id, known);
            } else {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().item(found);
        }
        return stored(missing).map(texts -> {
            for (int i = 0; i < missing.size(); i++) {
                String id = missing.get(i);
                AuthorProfile profile = texts.get(i) == null ? AuthorProfile.unnamed(id) : parse(texts.get(i));
                found.put(id, profile);
                if (cache != null) {
                    cache.put(id, profile);
                }
            }
            return found;
        });
    }

    /** This replica reads the person's profile again on the next page that shows them. */
    public void forget(String userId) {
        if (cache != null) {
            cache.invalidate(userId);
        }
    }

    private AuthorProfile parse(String stored) {
        try {
            return json.readValue(stored, AuthorProfile.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable profile", e);
        }
    }

    /** One MGET; on a cluster one GET per key sent together (a cross-slot MGET is split by slot there). */
    private Uni<List<String>> stored(List<String> userIds) {
        String[] keys = userIds.stream().map(FeedKeys::profile).toArray(String[]::new);
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
}
