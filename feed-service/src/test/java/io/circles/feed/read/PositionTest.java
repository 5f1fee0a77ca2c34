package io.circles.feed.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.circles.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class PositionTest {

    @Test
    void aCursorRoundTripsExactly() {
        Position position = new Position(1_795_517_745_465L, "7f0c:with:colons");
        assertEquals(position, Position.decode(position.encode()));
        assertTrue(position.encode().matches("[A-Za-z0-9_-]+"));
    }

    @Test
    void anythingElseIsABadRequestOnTheCursorField() {
        for (String cursor : List.of("%%%", "bm9wZQ", "OjEy", "YWJjOmRlZg", "MTI6")) {
            ProblemException problem = assertThrows(ProblemException.class, () -> Position.decode(cursor));
            assertEquals(400, problem.status());
        }
    }

    @Test
    void feedOrderIsNewestFirstThenIdDescending() {
        Position newest = new Position(2, "a");
        Position tieHigh = new Position(1, "b");
        Position tieLow = new Position(1, "a");
        assertTrue(tieHigh.isAfter(newest));
        assertTrue(tieLow.isAfter(tieHigh));
        assertFalse(newest.isAfter(tieHigh));
        assertFalse(tieHigh.isAfter(new Position(1, "b")), "a position is not after itself");
        assertEquals(List.of(newest, tieHigh, tieLow),
                List.of(tieLow, newest, tieHigh).stream().sorted(Position.FEED_ORDER).toList());
    }

    @Test
    void mergingTimelinesKeepsFeedOrderAndEachIdOnce() {
        List<Position> home = List.of(new Position(5, "p5"), new Position(3, "p3"), new Position(1, "p1"));
        List<Position> large = List.of(new Position(4, "p4"), new Position(3, "p3"), new Position(2, "p2"));
        assertEquals(List.of("p5", "p4", "p3", "p2"),
                FeedMerge.firstOf(List.of(home, large), 4).stream().map(Position::id).toList());
    }
}
