package io.circles.event.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.circles.platform.problem.Problem;
import org.junit.jupiter.api.Test;

class ActivityRulesTest {

    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    private static final Instant START = NOW.plus(Duration.ofDays(3));
    private static final Instant END = START.plus(Duration.ofHours(2));

    @Test
    void aSensibleScheduleHasNoErrors() {
        assertTrue(ActivityRules.check(NOW, START, END, NOW, START, true).isEmpty());
    }

    @Test
    void theStartMustBeInTheFuture() {
        assertEquals(List.of("startsAt"), fields(ActivityRules.check(NOW, NOW, NOW.plusSeconds(60), NOW.minusSeconds(
                60), NOW, true)));
    }

    @Test
    void anEditThatKeepsAPastStartIsAllowed() {
        Instant started = NOW.minusSeconds(600);
        assertTrue(ActivityRules.check(NOW, started, END, started.minusSeconds(60), started, false).isEmpty());
    }

    @Test
    void theEndMustFollowTheStart() {
        assertEquals(List.of("endsAt"), fields(ActivityRules.check(NOW, START, START, NOW, START, true)));
    }

    @Test
    void activitiesAreNotLongerThanTwoWeeksNorFurtherThanTwoYearsAhead() {
        assertEquals(List.of("endsAt"),
                fields(ActivityRules.check(NOW, START, START.plus(Duration.ofDays(15)), NOW, START, true)));
        assertTrue(ActivityRules.check(NOW, START, START.plus(Duration.ofDays(14)), NOW, START, true).isEmpty(),
                "exactly two weeks is allowed");
        assertEquals(List.of("endsAt"), fields(ActivityRules.check(NOW, START,
                START.plus(Duration.ofDays(14)).plusSeconds(1), NOW, START, true)));
        Instant far = NOW.plus(Duration.ofDays(800));
        assertEquals(List.of("startsAt"), fields(ActivityRules.check(NOW, far, far.plusSeconds(3600), NOW, far, true)));
    }

    @Test
    void theRsvpWindowMustBeOpenBeforeTheStart() {
        assertEquals(List.of("rsvpClosesAt"), fields(ActivityRules.check(NOW, START, END, NOW, END, true)));
        assertEquals(List.of("rsvpClosesAt"),
                fields(ActivityRules.check(NOW, START, END, START.minusSeconds(10), START.minusSeconds(20), true)));
    }

    @Test
    void anActivityHasExactlyOneHost() {
        assertTrue(ActivityRules.checkHost("c1", null).isEmpty());
        assertTrue(ActivityRules.checkHost(null, "m1").isEmpty());
        assertEquals(List.of("communityId"), fields(ActivityRules.checkHost(null, null)));
        assertEquals(List.of("communityId"), fields(ActivityRules.checkHost("c1", "m1")));
        assertEquals(List.of("merchantId"), fields(ActivityRules.checkHost(null, " ")));
        assertEquals(List.of("communityId"), fields(ActivityRules.checkHost("", null)));
    }

    private static List<String> fields(List<Problem.FieldError> errors) {
        return errors.stream().map(Problem.FieldError::field).toList();
    }
}
