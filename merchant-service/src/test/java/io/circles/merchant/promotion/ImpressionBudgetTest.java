package io.circles.merchant.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ImpressionBudgetTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void impressionsCountOnlyWhileBelowTheBudget() {
        Instant end = NOW.plusSeconds(60);
        assertTrue(ImpressionBudget.canCount(0, 1, NOW, end));
        assertTrue(ImpressionBudget.canCount(4_999, 5_000, NOW, end));
        assertFalse(ImpressionBudget.canCount(5_000, 5_000, NOW, end));
        assertFalse(ImpressionBudget.canCount(5_001, 5_000, NOW, end));
    }

    @Test
    void impressionsServedAfterTheEndAreNeverBilled() {
        assertFalse(ImpressionBudget.canCount(0, 100, NOW, NOW));
        assertFalse(ImpressionBudget.canCount(0, 100, NOW.plusSeconds(1), NOW));
    }

    @Test
    void onlyTheImpressionReachingTheBudgetExhaustsIt() {
        assertFalse(ImpressionBudget.exhaustedBy(4_999, 5_000));
        assertTrue(ImpressionBudget.exhaustedBy(5_000, 5_000));
        assertFalse(ImpressionBudget.exhaustedBy(5_001, 5_000),
                "past the budget is impossible, never a second exhaustion");
    }

    @Test
    void statusFollowsBudgetThenClockThenStoredState() {
        Instant later = NOW.plusSeconds(3600);
        assertEquals(PromotionStatus.ACTIVE, ImpressionBudget.statusAt(PromotionStatus.ACTIVE, 10, 100, later, NOW));
        assertEquals(PromotionStatus.PAUSED, ImpressionBudget.statusAt(PromotionStatus.PAUSED, 10, 100, later, NOW));
        assertEquals(PromotionStatus.EXHAUSTED,
                ImpressionBudget.statusAt(PromotionStatus.ACTIVE, 100, 100, later, NOW));
        assertEquals(PromotionStatus.ENDED, ImpressionBudget.statusAt(PromotionStatus.ACTIVE, 10, 100, NOW, NOW));
        assertEquals(PromotionStatus.ENDED,
                ImpressionBudget.statusAt(PromotionStatus.PAUSED, 10, 100, NOW.minusSeconds(1), NOW));
        assertEquals(PromotionStatus.EXHAUSTED,
                ImpressionBudget.statusAt(PromotionStatus.EXHAUSTED, 100, 100, NOW.minusSeconds(1), NOW),
                "a used-up budget stays EXHAUSTED after the end");
    }

    @Test
    void onlyTheFirstPromotionGetsTheStarterAndItAddsToTheAllowance() {
        assertEquals(1000, ImpressionBudget.starterFor(0, 1000));
        assertEquals(0, ImpressionBudget.starterFor(1, 1000));
        assertEquals(1003, ImpressionBudget.allowance(3, 1000));
        assertFalse(ImpressionBudget.canCount(1003, ImpressionBudget.allowance(3, 1000), NOW, NOW.plusSeconds(60)));
        assertTrue(ImpressionBudget.exhaustedBy(1003, ImpressionBudget.allowance(3, 1000)));
    }
}
