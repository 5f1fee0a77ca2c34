package io.circles.merchant.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import io.circles.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class CursorTest {

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theCursorIsBase64urlOfMicrosecondsAndId() {
        // 2 s and 3,004,005 ns after the epoch: 2,003,004 µs (the last 5 ns are below PostgreSQL's precision).
        Cursor cursor = new Cursor(Instant.ofEpochSecond(2, 3_004_005), "m-1");
        assertEquals(base64("2003004:m-1"), cursor.encode());
    }

    @Test
    void decodingReadsTheTimeToTheMicrosecondAndTheWholeId() {
        Cursor cursor = Cursor.decode(base64("1700000000123456:id:with:colons"));
        assertEquals(Instant.parse("2023-11-14T22:13:20.123456Z"), cursor.at());
        assertEquals("id:with:colons", cursor.id());
    }

    @Test
    void aTimeBeforeTheEpochDecodesBelowIt() {
        // -1 µs is the last microsecond of 1969, not 1 µs into 1970 or a second off.
        assertEquals(Instant.parse("1969-12-31T23:59:59.999999Z"), Cursor.decode(base64("-1:x")).at());
        assertEquals(Instant.parse("1969-12-31T23:59:58.500000Z"), Cursor.decode(base64("-1500000:x")).at());
    }

    @Test
    void aCursorRoundTripsAtMicrosecondPrecision() {
        Cursor cursor = new Cursor(Instant.parse("2026-03-01T08:30:00.654321Z"), "018f-abc");
        assertEquals(cursor, Cursor.decode(cursor.encode()));
    }

    @Test
    void noCursorIsTheFirstPage() {
        assertNull(Cursor.decode(null));
        assertNull(Cursor.decode(""));
        assertNull(Cursor.decode("   "));
    }

    @Test
    void anythingElseIsABadRequestOnTheCursorField() {
        for (String cursor : List.of("%%%", base64("no-colon"), base64("12:"), base64("abc:id"), base64(":id"))) {
            ProblemException problem = assertThrows(ProblemException.class, () -> Cursor.decode(cursor), cursor);
            assertEquals(400, problem.status());
            assertEquals("cursor", problem.toProblem().errors().get(0).field());
        }
    }

    @Test
    void theLimitDefaultsToTwentyAndStaysWithinOneToAHundred() {
        assertEquals(20, Cursor.limit(null));
        assertEquals(1, Cursor.limit(1));
        assertEquals(100, Cursor.limit(100));
        for (int limit : new int[] {0, -5, 101}) {
            ProblemException problem = assertThrows(ProblemException.class, () -> Cursor.limit(limit));
            assertEquals(400, problem.status());
            assertEquals("limit", problem.toProblem().errors().get(0).field());
        }
    }
}
