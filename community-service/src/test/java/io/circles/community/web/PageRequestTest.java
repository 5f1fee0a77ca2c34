package io.circles.community.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.circles.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void limitDefaultsToTwentyAndMustBeOneToAHundred() {
        assertEquals(20, PageRequest.parse(null, null).limit());
        assertEquals(100, PageRequest.parse("100", null).limit());
        assertEquals(1, PageRequest.parse(" 1 ", null).limit());
        for (String bad : List.of("0", "101", "-1", "ten", "1.5")) {
            assertEquals(400, assertThrows(ProblemException.class, () -> PageRequest.parse(bad, null)).status());
        }
    }

    @Test
    void aCursorRoundTripsItsParts() {
        PageRequest page = PageRequest.parse(null, PageRequest.encode("2026-01-01T00:00:00Z", "id-1"));
        assertEquals(List.of("2026-01-01T00:00:00Z", "id-1"), page.after(2));
        assertTrue(PageRequest.parse(null, " ").first());
        assertFalse(page.first());
        assertEquals(400, assertThrows(ProblemException.class, () -> page.after(3)).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> PageRequest.parse(null, "%%%")).status());
    }
}
