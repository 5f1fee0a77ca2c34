package io.circles.notification.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import io.circles.platform.problem.ProblemException;

/**
 * An opaque position in a newest-first list: the sort key (latest time, id) of the last item served.
 * Pages continue strictly after it, so items inserted meanwhile never shift what comes next. Lists fetch one row
 * beyond the page: it tells whether another page follows.
 */
public record Cursor(Instant at, String id) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public String encode() {
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back; null when absent, 400 when it is not one of ours. */
    public static Cursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            long micros = Long.parseLong(raw.substring(0, colon));
            String id = raw.substring(colon + 1);
            if (id.isEmpty()) {
                throw new IllegalArgumentException("no id");
            }
            return new Cursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1_000L), id);
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("cursor", "not a cursor returned by this list");
        }
    }

    /** The page size a client asked for: default 20, 1 to 100; parsed here so a non-number is a 400, not a 404. */
    public static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // the same answer as an out-of-range number
        }
        throw ProblemException.badRequest("limit", "must be a number between 1 and " + MAX_LIMIT);
    }
}
