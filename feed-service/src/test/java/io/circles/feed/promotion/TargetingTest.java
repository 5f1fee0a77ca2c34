package io.circles.feed.promotion;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TargetingTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private static Map<String, String> promotion(String startsAt, String endsAt) {
        return Map.of("interests", "coffee,tea", "cities", "Hangzhou", "startsAt", startsAt, "endsAt", endsAt);
    }

    @Test
    void aReaderWithAMatchingInterestAndCityIsTargetedWithinTheWindow() {
        assertTrue(Targeting.matches(promotion("2026-11-24T11:00:00Z", "2026-11-25T00:00:00Z"),
                Set.of("tea", "hiking"), Set.of("Hangzhou"), NOW));
    }

    @Test
    void aPromotionIsNotServedBeforeItStartsNorAfterItEnds() {
        assertFalse(Targeting.matches(promotion("2026-11-24T13:00:00Z", "2026-11-25T00:00:00Z"),
                Set.of("coffee"), Set.of("Hangzhou"), NOW));
        assertFalse(Targeting.matches(promotion("2026-11-23T00:00:00Z", "2026-11-24T11:59:59Z"),
                Set.of("coffee"), Set.of("Hangzhou"), NOW));
    }

    @Test
    void aReaderOutsideTheTargetedCitiesOrInterestsIsNotTargeted() {
        Map<String, String> promotion = promotion("", "");
        assertFalse(Targeting.matches(promotion, Set.of("coffee"), Set.of("Chengdu"), NOW));
        assertFalse(Targeting.matches(promotion, Set.of("cycling"), Set.of("Hangzhou"), NOW));
    }

    @Test
    void emptyTargetingReachesEveryone() {
        assertTrue(Targeting.matches(Map.of("interests", "", "cities", ""), Set.of(), Set.of(), NOW));
    }
}
