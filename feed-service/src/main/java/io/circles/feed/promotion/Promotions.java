package io.circles.feed.promotion;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.CloudEventHeaders;
import io.circles.events.feed.PromotionClicked;
import io.circles.events.feed.PromotionImpression;
import io.circles.feed.membership.FeedKeys;
import io.circles.feed.timeline.FeedItem;
import io.circles.feed.timeline.Cards;
import io.circles.platform.problem.ProblemException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Sponsored items for a page: active promotions whose targeting matches the interests and cities of the reader's
 * communities, each served slot announced as a promotion-impression. The impression id is derived from the user, the
 * promotion and the page requested, so a retried request produces the same id and merchant-service counts it once.
 * Impressions are not domain state of this service (it has no database), hence an emitter rather than an outbox.
 */
@ApplicationScoped
public class Promotions {

    static final String CHANNEL = "impressions";
    private static final Logger LOG = Logger.getLogger(Promotions.class);
    /** How long a page waits for Kafka to take its impressions before it is served anyway. */
    private static final Duration IMPRESSION_WAIT = Duration.ofMillis(500);
    /** How long a served slot may be clicked: a day covers a feed left open on a phone. */
    private static final Duration CLICKABLE = Duration.ofDays(1);

    private final ReactiveSetCommands<String, String> sets;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final ReactiveValueCommands<String, String> values;
    private final Cards cards;
    private final ObjectMapper json;
    private final MutinyEmitter<String> impressions;

    Promotions(ReactiveRedisDataSource redis, Cards cards, ObjectMapper json,
            @Channel(CHANNEL) MutinyEmitter<String> impressions) {
        this.sets = redis.set(String.class);
        this.hashes = redis.hash(String.class);
        this.values = redis.value(String.class);
        this.cards = cards;
        this.json = json;
        this.impressions = impressions;
    }

    /** The ids of the promotions that may be served; a page reads them alongside its timeline, not after it. */
    public Uni<Set<String>> active() {
        return sets.smembers(FeedKeys.ACTIVE_PROMOTIONS);
    }

    /**
     * Up to {@code slots} sponsored cards for the user's page, distinct promotions among {@code active} (as
     * {@link #active()} read them) of merchants not in {@code suspendedMerchants}, impressions emitted.
     */
    public Uni<List<FeedItem>> serve(String userId, Set<String> communities, Set<String> active,
            Set<String> suspendedMerchants, int slots, String pageKey) {
        if (slots == 0 || active.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return audience(communities).chain(audience -> promotions(active).chain(found -> {
            List<Map.Entry<String, Map<String, String>>> eligible = new ArrayList<>();
            for (Map.Entry<String, Map<String, String>> promotion : found.entrySet()) {
                if (!suspendedMerchants.contains(promotion.getValue().get("merchantId"))
                        && Targeting.matches(promotion.getValue(), audience.interests(), audience.cities(),
                        Instant.now())) {
                    eligible.add(promotion);
                }
            }
            // A stable per-page shuffle: every reader sees a fair rotation, a retried page the same choice.
            eligible.sort(Comparator.comparing(e -> UUID.nameUUIDFromBytes(
                    (userId + "|" + pageKey + "|" + e.getKey()).getBytes(StandardCharsets.UTF_8))));
            List<Map.Entry<String, Map<String, String>>> chosen =
                    eligible.subList(0, Math.min(slots, eligible.size()));
            if (chosen.isEmpty()) {
                return Uni.createFrom().item(List.<FeedItem>of());
            }
            return cards.get(chosen.stream().map(e -> e.getValue().get("postId")).toList()).chain(byId -> {
                List<FeedItem> items = new ArrayList<>();
                List<Uni<Void>> sends = new ArrayList<>();
                for (Map.Entry<String, Map<String, String>> promotion : chosen) {
                    FeedItem card = byId.get(promotion.getValue().get("postId"));
                    if (card == null) {
                        continue;
                    }
                    String impressionId = impressionId(userId, promotion.getKey(), pageKey);
                    items.add(card.sponsoredBy(promotion.getKey(), impressionId));
                    sends.add(impression(userId, impressionId, promotion.getKey(), promotion.getValue()));
                }
                if (sends.isEmpty()) {
                    return Uni.createFrom().item(List.<FeedItem>of());
                }
                // The sends run to their end in the background (the producer retries through a broker outage);
                // the page waits for them only briefly, so reads never hang on Kafka.
                Uni<Void> sent = Uni.join().all(sends).andCollectFailures().replaceWithVoid()
                        .memoize().indefinitely();
                sent.subscribe().with(done -> { },
                        failure -> LOG.warnf("impressions not recorded: %s", failure.getMessage()));
                return sent.ifNoItem().after(IMPRESSION_WAIT).recoverWithItem((Void) null)
                        .onFailure().recoverWithItem((Void) null)
                        .replaceWith(items);
            });
        }));
    }

    private Uni<Map<String, Map<String, String>>> promotions(Set<String> ids) {
        List<String> ordered = new ArrayList<>(ids);
        List<Uni<Map<String, String>>> reads = new ArrayList<>();
        for (String id : ordered) {
            reads.add(hashes.hgetall(FeedKeys.promotion(id)));
        }
        return Uni.join().all(reads).andFailFast().map(found -> {
            Map<String, Map<String, String>> result = new java.util.LinkedHashMap<>();
            for (int i = 0; i < ordered.size(); i++) {
                if ("ACTIVE".equals(found.get(i).get("status"))) {
                    result.put(ordered.get(i), found.get(i));
                }
            }
            return result;
        });
    }

    private Uni<Audience> audience(Set<String> communities) {
        if (communities.isEmpty()) {
            return Uni.createFrom().item(new Audience(Set.of(), Set.of()));
        }
        List<Uni<Map<String, String>>> reads = new ArrayList<>();
        for (String community : communities) {
            reads.add(hashes.hgetall(FeedKeys.communityMeta(community)));
        }
        return Uni.join().all(reads).andFailFast().map(metas -> {
            Set<String> interests = new HashSet<>();
            Set<String> cities = new HashSet<>();
            for (Map<String, String> meta : metas) {
                String tags = meta.getOrDefault("interests", "");
                if (!tags.isBlank()) {
                    interests.addAll(Arrays.asList(tags.split(",")));
                }
                String city = meta.getOrDefault("city", "");
                if (!city.isBlank()) {
                    cities.add(city);
                }
            }
            return new Audience(interests, cities);
        });
    }

    private static String impressionId(String userId, String promotionId, String pageKey) {
        return UUID.nameUUIDFromBytes((userId + "|" + promotionId + "|" + pageKey).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    // The impression is remembered (for its clicks) before it is announced: a click can only follow a page read.
    private Uni<Void> impression(String userId, String impressionId, String promotionId,
            Map<String, String> promotion) {
        PromotionImpression event = new PromotionImpression(impressionId, promotionId, promotion.get("merchantId"),
                promotion.get("postId"), userId, Instant.now());
        String served = String.join("|", userId, promotionId, promotion.get("merchantId"), promotion.get("postId"));
        return values.set(FeedKeys.impression(impressionId), served, new SetArgs().ex(CLICKABLE))
                .chain(() -> send(impressionId, PromotionImpression.TYPE, promotionId, event.subject(),
                        event.servedAt(), event));
    }

    /**
     * Records a click on a sponsored slot: only by the user it was served to (else 404, as if it did not exist), and
     * once per impression (a repeat changes nothing). The click's ce_id derives from the impression id, so even
     * concurrent repeats are one click for merchant-service.
     */
    public Uni<Void> click(String userId, String impressionId) {
        return values.get(FeedKeys.impression(impressionId)).chain(served -> {
            String[] parts = served == null ? new String[0] : served.split("\\|", -1);
            if (parts.length != 4 || !parts[0].equals(userId)) {
                throw ProblemException.notFound("no sponsored slot " + impressionId + " was served to you");
            }
            return values.get(FeedKeys.clicked(impressionId)).chain(clicked -> {
                if (clicked != null) {
                    return Uni.createFrom().voidItem();
                }
                PromotionClicked event = new PromotionClicked(impressionId, parts[1], parts[2], parts[3], userId,
                        Instant.now());
                String clickId = UUID.nameUUIDFromBytes(("click|" + impressionId).getBytes(StandardCharsets.UTF_8))
                        .toString();
                // Sent before it is marked: a failed send leaves the click unmarked, so a retry sends it again.
                return send(clickId, PromotionClicked.TYPE, parts[1], event.subject(), event.clickedAt(), event)
                        .chain(() -> values.set(FeedKeys.clicked(impressionId), "1", new SetArgs().ex(CLICKABLE)));
            });
        });
    }

    private Uni<Void> send(String eventId, String type, String promotionId, String subject, Instant time,
            Object event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, bytes(eventId));
        headers.add(CloudEventHeaders.TYPE, bytes(type));
        headers.add(CloudEventHeaders.SOURCE, bytes("/feed-service"));
        headers.add(CloudEventHeaders.SUBJECT, bytes(subject));
        headers.add(CloudEventHeaders.TIME, bytes(time.toString()));
        headers.add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_VALUE));
        headers.add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(promotionId).withHeaders(headers).build();
        try {
            return impressions.sendMessage(Message.of(json.writeValueAsString(event)).addMetadata(metadata));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private record Audience(Set<String> interests, Set<String> cities) {
    }
}
