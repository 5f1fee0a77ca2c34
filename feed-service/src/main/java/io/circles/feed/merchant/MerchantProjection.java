package io.circles.feed.merchant;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.content.MerchantPostPublished;
import io.circles.events.content.MerchantPostRemoved;
import io.circles.events.content.ProductUpdated;
import io.circles.events.content.PromotionExhausted;
import io.circles.events.content.PromotionLaunched;
import io.circles.events.content.PromotionPaused;
import io.circles.events.content.PromotionResumed;
import io.circles.events.ProductCard;
import io.circles.events.merchant.MerchantApproved;
import io.circles.events.merchant.MerchantFollowed;
import io.circles.events.merchant.MerchantOnboarded;
import io.circles.events.merchant.MerchantSuspended;
import io.circles.events.merchant.MerchantUnfollowed;
import io.circles.feed.explore.ExploreCandidates;
import io.circles.feed.membership.FeedKeys;
import io.circles.feed.timeline.ActiveUsers;
import io.circles.feed.timeline.FeedItem;
import io.circles.feed.timeline.Timelines;
import io.circles.platform.messaging.IncomingEvent;
import io.circles.platform.messaging.TransientFailures;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Merchants into the feed: what the feed knows of each merchant, the follower projection (with backfill and unlink),
 * merchant posts fanned out to followers, the set of promotions that may fill sponsored slots, and explore's
 * candidates ({@link ExploreCandidates}).
 */
@ApplicationScoped
public class MerchantProjection {

    static final String EVENTS_CHANNEL = "merchant-events";
    static final String CONTENT_CHANNEL = "merchant-content";

    private final ReactiveSetCommands<String, String> sets;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final Timelines timelines;
    private final ActiveUsers activeUsers;
    private final ObjectMapper json;
    private final ExploreCandidates explore;

    MerchantProjection(ReactiveRedisDataSource redis, Timelines timelines, ActiveUsers activeUsers,
            ObjectMapper json, ExploreCandidates explore) {
        this.sets = redis.set(String.class);
        this.hashes = redis.hash(String.class);
        this.timelines = timelines;
        this.activeUsers = activeUsers;
        this.json = json;
        this.explore = explore;
    }

    @Incoming(EVENTS_CHANNEL)
    public Uni<Void> consumeEvents(ConsumerRecord<String, String> record) {
        return TransientFailures.retried(() -> applyEvent(IncomingEvent.from(record)), IncomingEvent.describe(record));
    }

    @Incoming(CONTENT_CHANNEL)
    public Uni<Void> consumeContent(ConsumerRecord<String, String> record) {
        return TransientFailures.retried(() -> applyContent(IncomingEvent.from(record)),
                IncomingEvent.describe(record));
    }

    Uni<Void> applyEvent(IncomingEvent event) {
        Uni<Void> applied = switch (event.type()) {
            case MerchantOnboarded.TYPE -> {
                MerchantOnboarded merchant = event.dataAs(MerchantOnboarded.class, json);
                yield hashes.hset(FeedKeys.merchantMeta(merchant.merchantId()), Map.of(
                        "name", merchant.name() == null ? "" : merchant.name(),
                        "city", merchant.city() == null ? "" : merchant.city(),
                        "category", merchant.category() == null ? "" : merchant.category(),
                        "ownerId", merchant.ownerId() == null ? "" : merchant.ownerId())).replaceWithVoid();
            }
            case MerchantFollowed.TYPE -> {
                MerchantFollowed followed = event.dataAs(MerchantFollowed.class, json);
                yield sets.sadd(FeedKeys.followers(followed.merchantId()), followed.userId())
                        .chain(() -> sets.sadd(FeedKeys.userFollows(followed.userId()), followed.merchantId()))
                        .chain(() -> activeUsers.backfillIfActive(followed.userId(),
                                FeedKeys.merchantTimeline(followed.merchantId())));
            }
            case MerchantUnfollowed.TYPE -> {
                MerchantUnfollowed unfollowed = event.dataAs(MerchantUnfollowed.class, json);
                yield sets.srem(FeedKeys.followers(unfollowed.merchantId()), unfollowed.userId())
                        .chain(() -> sets.srem(FeedKeys.userFollows(unfollowed.userId()), unfollowed.merchantId()))
                        .chain(() -> timelines.unlink(unfollowed.userId(),
                                FeedKeys.merchantTimeline(unfollowed.merchantId())));
            }
            // Suspension hides rather than deletes: readers skip the merchant's items and promotions while it is
            // suspended, and an approval shows them again without anything to re-fan-out.
            case MerchantSuspended.TYPE -> sets.sadd(FeedKeys.SUSPENDED_MERCHANTS,
                    event.dataAs(MerchantSuspended.class, json).merchantId()).replaceWithVoid();
            case MerchantApproved.TYPE -> sets.srem(FeedKeys.SUSPENDED_MERCHANTS,
                    event.dataAs(MerchantApproved.class, json).merchantId()).replaceWithVoid();
            default -> Uni.createFrom().voidItem();
        };
        return applied.chain(() -> explore.apply(event));
    }

    Uni<Void> applyContent(IncomingEvent event) {
        Uni<Void> applied = switch (event.type()) {
            case MerchantPostPublished.TYPE -> publish(event.dataAs(MerchantPostPublished.class, json));
            case MerchantPostRemoved.TYPE -> {
                MerchantPostRemoved removed = event.dataAs(MerchantPostRemoved.class, json);
                yield withdraw(removed.postId(), removed.merchantId());
            }
            case ProductUpdated.TYPE -> {
                ProductUpdated product = event.dataAs(ProductUpdated.class, json);
                ProductCard changed = new ProductCard(product.productId(), product.title(), product.priceCents(),
                        product.currency(), product.images() == null || product.images().isEmpty() ? null
                                : product.images().get(0));
                yield sets.smembers(FeedKeys.productPosts(product.productId()))
                        .chain(posts -> Multi.createFrom().iterable(posts)
                                .onItem().transformToUniAndConcatenate(post ->
                                        timelines.rewrite(post, card -> card.withProduct(changed)))
                                .collect().last())
                        .replaceWithVoid();
            }
            case PromotionLaunched.TYPE -> {
                PromotionLaunched launched = event.dataAs(PromotionLaunched.class, json);
                String interests = launched.targeting() == null || launched.targeting().interests() == null
                        ? "" : String.join(",", launched.targeting().interests());
                String cities = launched.targeting() == null || launched.targeting().cities() == null
                        ? "" : String.join(",", launched.targeting().cities());
                yield hashes.hset(FeedKeys.promotion(launched.promotionId()), Map.of(
                        "merchantId", launched.merchantId(),
                        "postId", launched.postId(),
                        "interests", interests,
                        "cities", cities,
                        "startsAt", launched.startsAt() == null ? "" : launched.startsAt().toString(),
                        "endsAt", launched.endsAt() == null ? "" : launched.endsAt().toString()))
                        .chain(() -> hashes.hsetnx(FeedKeys.promotion(launched.promotionId()), "status", "ACTIVE"))
                        .chain(() -> activateIfActive(launched.promotionId()));
            }
            case PromotionPaused.TYPE -> {
                PromotionPaused paused = event.dataAs(PromotionPaused.class, json);
                yield setStatus(paused.promotionId(), "PAUSED");
            }
            case PromotionResumed.TYPE -> {
                PromotionResumed resumed = event.dataAs(PromotionResumed.class, json);
                yield hashes.hget(FeedKeys.promotion(resumed.promotionId()), "status").chain(status ->
                        "EXHAUSTED".equals(status) ? Uni.createFrom().voidItem()
                                : setStatus(resumed.promotionId(), "ACTIVE"));
            }
            case PromotionExhausted.TYPE -> {
                PromotionExhausted exhausted = event.dataAs(PromotionExhausted.class, json);
                yield setStatus(exhausted.promotionId(), "EXHAUSTED");
            }
            default -> Uni.createFrom().voidItem();
        };
        return applied.chain(() -> explore.apply(event));
    }

    // Exhausted is final: a replayed launch or resume must not bring a spent promotion back.
    private Uni<Void> setStatus(String promotionId, String status) {
        return hashes.hget(FeedKeys.promotion(promotionId), "status").chain(current ->
                "EXHAUSTED".equals(current) ? Uni.createFrom().voidItem()
                        : hashes.hset(FeedKeys.promotion(promotionId), "status", status)
                                .chain(() -> activateIfActive(promotionId)));
    }

    private Uni<Void> activateIfActive(String promotionId) {
        return hashes.hget(FeedKeys.promotion(promotionId), "status").chain(status -> "ACTIVE".equals(status)
                ? sets.sadd(FeedKeys.ACTIVE_PROMOTIONS, promotionId).replaceWithVoid()
                : sets.srem(FeedKeys.ACTIVE_PROMOTIONS, promotionId).replaceWithVoid());
    }

    // Before the card is stored: a product change consumed after the card exists then always finds the post.
    private Uni<Void> indexProducts(MerchantPostPublished post) {
        if (post.products() == null || post.products().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(post.products())
                .onItem().transformToUniAndConcatenate(product ->
                        sets.sadd(FeedKeys.productPosts(product.id()), post.postId()))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> publish(MerchantPostPublished post) {
        FeedItem card = new FeedItem(post.postId(), FeedItem.MERCHANT_POST, false, post.publishedAt(),
                post.authorId(), null, new FeedItem.MerchantRef(post.merchantId(), post.merchantName()),
                post.text(), post.media(), null, null, post.products(), null);
        return timelines.isRemoved(post.postId()).chain(removed -> removed
                ? Uni.createFrom().voidItem()
                : indexProducts(post).chain(() -> announce(card, post.merchantId())));
    }

    /** Places a merchant's item (a post, an activity) in its timeline and fans it out to its followers. */
    public Uni<Void> announce(FeedItem card, String merchantId) {
        return timelines.store(card, FeedKeys.merchantTimeline(merchantId))
                .chain(() -> sets.smembers(FeedKeys.followers(merchantId)))
                .chain(followers -> timelines.fanOut(followers, card.id(), card.score()));
    }

    /** Takes a merchant's item out of its timeline and its followers' feeds. */
    public Uni<Void> withdraw(String itemId, String merchantId) {
        return sets.smembers(FeedKeys.followers(merchantId))
                .chain(followers -> timelines.remove(itemId, FeedKeys.merchantTimeline(merchantId), followers));
    }
}
