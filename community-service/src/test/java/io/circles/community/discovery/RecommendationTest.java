package io.circles.community.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecommendationTest {

    @Test
    void fellowMembersWhoJoinedOutweighAnInterestTag() {
        assertTrue(Recommendation.score(3, 0, false, 10) > Recommendation.score(0, 1, false, 10));
    }

    @Test
    void aLocalCommunityWithTheCallersInterestBeatsAFarAwayOne() {
        assertTrue(Recommendation.score(0, 1, true, 10) > Recommendation.score(0, 1, false, 10));
    }

    @Test
    void popularityOnlyBreaksTies() {
        assertTrue(Recommendation.score(0, 1, false, 10) > Recommendation.score(0, 0, false, 10_000));
        assertTrue(Recommendation.score(0, 1, false, 100) > Recommendation.score(0, 1, false, 10));
    }

    @Test
    void eachSignalHasDiminishingReturns() {
        double first = Recommendation.score(10, 0, false, 0) - Recommendation.score(0, 0, false, 0);
        double next = Recommendation.score(20, 0, false, 0) - Recommendation.score(10, 0, false, 0);
        assertTrue(next < first);
        assertEquals(0, Recommendation.score(0, 0, false, 0));
    }
}
