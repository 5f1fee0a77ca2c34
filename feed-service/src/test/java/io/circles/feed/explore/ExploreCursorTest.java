package io.circles.feed.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.circles.feed.read.Position;
import io.circles.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class ExploreCursorTest {

    @Test
    void aCursorRoundTripsExactly() {
        ExploreCursor cursor = new ExploreCursor(1_795_517_745_465L, 40);
        assertEquals(cursor, ExploreCursor.decode(cursor.encode()));
        assertTrue(cursor.encode().matches("[A-Za-z0-9_-]+"));
    }

    @Test
    void theSmallestSnapshotAndOffsetAreOne() {
        assertEquals(new ExploreCursor(1, 1), ExploreCursor.decode(encoded("explore:1:1")));
    }

    @Test
    void noCursorIsTheFirstPage() {
        assertNull(ExploreCursor.decode(null));
        assertNull(ExploreCursor.decode(" "));
    }

    @Test
    void anotherFeedsCursorOrAnEditedOneIsABadRequestOnTheCursorField() {
        for (String cursor : List.of("%%%", "bm9wZQ", new Position(1_795_517_745_465L, "post").encode(),
                encoded("explore:abc:20"), encoded("explore:1795517745465:-1"), encoded("explore:1795517745465:0"),
                encoded("explore:-4:20"), encoded("explore:0:20"), encoded("explore:1795517745465:20:1"), encoded("explore:1795517745465"),
                encoded("explore:1795517745465:99999999999"))) {
            ProblemException problem = assertThrows(ProblemException.class, () -> ExploreCursor.decode(cursor),
                    cursor);
            assertEquals(400, problem.status());
        }
    }

    private static String encoded(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
