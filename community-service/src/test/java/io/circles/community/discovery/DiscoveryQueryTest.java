package io.circles.community.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.circles.community.web.PageRequest;
import io.circles.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class DiscoveryQueryTest {

    private static final PageRequest FIRST = PageRequest.parse(null, null);

    @Test
    void theDefaultSortFollowsTheSearch() {
        assertEquals(DiscoveryQuery.Sort.NEW, query(null, null, null).sort());
        assertEquals(DiscoveryQuery.Sort.NEARBY, query("1,2", null, null).sort());
        assertEquals(DiscoveryQuery.Sort.RELEVANCE, query(null, "coffee", null).sort());
        assertEquals(DiscoveryQuery.Sort.POPULAR, query("1,2", null, "popular").sort());
    }

    @Test
    void nearUsesTheBoundingBoxPrefilterAndTheRadius() {
        DiscoveryQuery query = query("30,120", null, null);
        assertTrue(query.sql().contains("c.lat between"));
        assertTrue(query.sql().contains("s.distance <="));
        assertTrue(query.sql().contains("order by s.distance, s.id"));
    }

    @Test
    void badParametersAreFieldErrors() {
        assertEquals(400, assertThrows(ProblemException.class, () -> query("30", null, null)).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> query(null, null, "nearby")).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> query(null, null, "relevance")).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> DiscoveryQuery.of("u", null, null, null, null,
                null, null, null, PageRequest.parse(null, PageRequest.encode("POPULAR", "1", "x")))).status());
    }

    private static DiscoveryQuery query(String near, String q, String sort) {
        return DiscoveryQuery.of("user", null, null, near, null, q, sort, null, FIRST);
    }
}
