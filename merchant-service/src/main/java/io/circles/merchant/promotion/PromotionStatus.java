package io.circles.merchant.promotion;

/** A promotion's state. ENDED is never stored: it follows from the clock passing {@code endsAt}. */
public enum PromotionStatus {
    ACTIVE,
    PAUSED,
    EXHAUSTED,
    ENDED
}
