package io.circles.merchant.promotion;

import java.time.Instant;

/**
 * The budget rule of promotions: an impression counts only while served is below the allowance (the budget plus any
 * starter impressions), and the impression that makes served equal the allowance exhausts the promotion. The SQL
 * guard in {@link ImpressionLedger} is this rule applied under the promotion row's lock; every method here takes the
 * allowance as {@code budget}.
 */
public final class ImpressionBudget {

    private ImpressionBudget() {
    }

    /** How many impressions a promotion may serve: what the merchant set plus the free starter impressions. */
    public static long allowance(long budget, long starterImpressions) {
        return budget + starterImpressions;
    }

    /** The starter impressions a promotion gets: the configured amount for a merchant's first one, else none. */
    public static long starterFor(long earlierPromotions, long configured) {
        return earlierPromotions == 0 ? configured : 0;
    }

    /** Whether one more impression, served at {@code servedAt}, may be counted: within budget and before the end. */
    public static boolean canCount(long served, long budget, Instant servedAt, Instant endsAt) {
        return served < budget && servedAt.isBefore(endsAt);
    }

    /** Whether the impression that brought served to {@code servedAfter} is the one that used the budget up. */
    public static boolean exhaustedBy(long servedAfter, long budget) {
        return servedAfter == budget;
    }

    /** The status a client sees: EXHAUSTED once the budget is used, ENDED after {@code endsAt}, else as stored. */
    public static PromotionStatus statusAt(PromotionStatus stored, long served, long budget, Instant endsAt,
            Instant now) {
        if (stored == PromotionStatus.EXHAUSTED || served >= budget) {
            return PromotionStatus.EXHAUSTED;
        }
        if (!now.isBefore(endsAt)) {
            return PromotionStatus.ENDED;
        }
        return stored;
    }
}
