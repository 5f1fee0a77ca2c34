package io.circles.merchant.promotion;

import java.time.LocalDate;
import java.util.List;

/**
 * A promotion's results for its owner: impressions counted against the budget, distinct users reached, clicks, and the
 * same per UTC day (days with neither impressions nor clicks are left out).
 */
public record PromotionStats(String promotionId, long impressionsServed, long reach, long clicks, List<Day> days) {

    /** One UTC day of a promotion. */
    public record Day(LocalDate date, long impressions, long clicks) {
    }
}
