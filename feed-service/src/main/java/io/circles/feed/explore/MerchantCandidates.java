package io.circles.feed.explore;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.circles.events.activity.ActivityScheduled;
import io.circles.events.content.MerchantPostPublished;
import io.circles.events.merchant.MerchantOnboarded;
import io.circles.feed.membership.FeedKeys;
import io.circles.feed.timeline.TimelineMember;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A merchant's posts and activities as explore candidates: merchant content is public, so each one is a candidate,
 * placed in the merchant's city ({@code mmeta:{m:…}}, from merchant-onboarded) with no interests (nothing maps a
 * merchant's category to the interests communities carry). A suspended merchant's candidates stay stored and are
 * skipped when read ({@link ExploreReader}), so an approval brings them back at once. Onboarding and content come on
 * two topics: content the feed stores before it has heard of its merchant is a candidate without a city (served when
 * explore is not filtered by city) until merchant-onboarded arrives and places the merchant's recent items in its city.
 */
@ApplicationScoped
class MerchantCandidates {

    private final Redis redis;
    private final ExploreStore store;

    MerchantCandidates(Redis redis, ExploreStore store) {
        this.redis = redis;
        this.store = store;
    }

    /** A merchant's post; its author is the person who posted for the merchant. */
    Uni<Void> publish(MerchantPostPublished post) {
        return add(post.postId(), post.publishedAt(), post.authorId(), post.merchantId());
    }

    /** A merchant-hosted activity; its author is its organizer. */
    Uni<Void> schedule(ActivityScheduled scheduled) {
        return add(scheduled.activityId(), scheduled.scheduledAt(), scheduled.organizerId(), scheduled.merchantId());
    }

    /**
     * Places in the merchant's city its recent items (its timeline, {@code mtl:{m:…}}) that became candidates before
     * the feed knew the city. Usually there are none: a merchant is onboarded long before it posts.
     */
    Uni<Void> onboarded(MerchantOnboarded merchant) {
        if (merchant.city() == null || merchant.city().isBlank()) {
            return Uni.createFrom().voidItem();
        }
        return redis.send(Request.cmd(Command.ZRANGE).arg(FeedKeys.merchantTimeline(merchant.merchantId()))
                        .arg(0).arg(-1))
                .chain(reply -> store.candidates(ExploreStore.strings(reply).stream().map(TimelineMember::itemId)
                        .toList()))
                .chain(candidates -> {
                    Map<String, Candidate> placed = new LinkedHashMap<>();
                    candidates.forEach((id, candidate) -> {
                        if (merchant.merchantId().equals(candidate.merchant())
                                && (candidate.city() == null || candidate.city().isEmpty())) {
                            placed.put(id, candidate.inCity(merchant.city()));
                        }
                    });
                    return store.rewrite(placed);
                });
    }

    private Uni<Void> add(String itemId, Instant published, String author, String merchantId) {
        return redis.send(Request.cmd(Command.HGET).arg(FeedKeys.merchantMeta(merchantId)).arg("city"))
                .chain(city -> store.add(itemId, published, Candidate.ofMerchant(published.toEpochMilli(), author,
                        merchantId, city == null ? null : city.toString())));
    }
}
