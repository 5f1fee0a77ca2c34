package io.circles.feed.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class TrendScoreTest {

    private static final long HOUR = Duration.ofHours(1).toMillis();

    @Test
    void engagementRaisesAScoreCommentsMoreThanLikesAndPeopleGoingMoreThanComments() {
        double untouched = TrendScore.of(0, 0, 0, HOUR);
        double liked = TrendScore.of(1, 0, 0, HOUR);
        double commented = TrendScore.of(0, 1, 0, HOUR);
        double going = TrendScore.of(0, 0, 1, HOUR);
        assertTrue(untouched < liked);
        assertTrue(liked < commented);
        assertTrue(commented < going);
    }

    @Test
    void anOldItemDecaysBelowAFreshOneWithEqualEngagement() {
        double fresh = TrendScore.of(10, 5, 2, HOUR);
        double dayOld = TrendScore.of(10, 5, 2, 24 * HOUR);
        double weekOld = TrendScore.of(10, 5, 2, 7 * 24 * HOUR);
        assertTrue(weekOld < dayOld);
        assertTrue(dayOld < fresh);
    }

    @Test
    void aLikedPostOfAnHourAgoOutranksAnUntouchedOneJustPublished() {
        assertTrue(TrendScore.of(3, 1, 0, HOUR) > TrendScore.of(0, 0, 0, 0));
    }

    @Test
    void anItemWithoutEngagementStillScoresAndTheNewerOfTwoSuchItemsRanksFirst() {
        // merchant posts may never get likes or comments: they must rank by age, not drop out
        assertTrue(TrendScore.of(0, 0, 0, 7 * 24 * HOUR) > 0);
        assertTrue(TrendScore.of(0, 0, 0, HOUR) > TrendScore.of(0, 0, 0, 2 * HOUR));
    }

    @Test
    void followsTheDocumentedFormula() {
        // (4 + 2·3 + 3·2 + 1) / (6 + 2)^1.5 = 17 / 22.627...
        assertEquals(17 / Math.pow(8, 1.5), TrendScore.of(4, 3, 2, 6 * HOUR), 1e-12);
    }

    @Test
    void negativeCountsAndAgesCountAsNone() {
        assertEquals(TrendScore.of(0, 0, 0, 0), TrendScore.of(-5, -1, -2, -HOUR), 1e-12);
    }
}
