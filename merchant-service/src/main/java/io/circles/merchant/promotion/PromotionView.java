package io.circles.merchant.promotion;

import java.time.Instant;

import io.circles.events.Targeting;

/**
 * A promotion as its owner sees it: progress against the budget it set plus its free starter impressions, and how many
 * distinct users it reached.
 */
public record PromotionView(
        String id,
        String merchantId,
        String postId,
        PromotionStatus status,
        long impressionsServed,
        long budgetImpressions,
        long starterImpressions,
        long reach,
        Targeting targeting,
        Instant startsAt,
        Instant endsAt,
        Instant createdAt) {

    /** The view at {@code now}, with the stored status given separately: it may have just changed in SQL. */
    public static PromotionView of(Promotion promotion, PromotionStatus storedStatus, long reach, Instant now) {
        return new PromotionView(promotion.id, promotion.merchantId, promotion.postId,
                ImpressionBudget.statusAt(storedStatus, promotion.served,
                        ImpressionBudget.allowance(promotion.budget, promotion.starterImpressions), promotion.endsAt,
                        now),
                promotion.served, promotion.budget, promotion.starterImpressions, reach,
                new Targeting(promotion.interests, promotion.cities),
                promotion.startsAt, promotion.endsAt, promotion.createdAt);
    }
}
