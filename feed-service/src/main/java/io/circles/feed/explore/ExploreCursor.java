package io.circles.feed.explore;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.circles.platform.problem.ProblemException;

/**
 * Where the next explore page starts: the time the first page was ranked at (so ages, and the newest candidate taken,
 * stay those of the first page) and how many ranked items were served. Ranking is redone per page from the counters
 * of then: an item whose engagement changed in between may move across the page boundary (shown twice or not at
 * all), which a trending list tolerates better than holding rankings per reader.
 */
public record ExploreCursor(long snapshot, int offset) {

    private static final String PREFIX = "explore:";

    /** The opaque cursor: base64url of {@code explore:<snapshot ms>:<offset>}. */
    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + snapshot + ":" + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** A cursor from {@link #encode()}, null for none; anything else (another feed's, edited) is a 400. */
    public static ExploreCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith(PREFIX)) {
                throw new IllegalArgumentException("not an explore cursor");
            }
            String[] parts = text.substring(PREFIX.length()).split(":", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("not two parts");
            }
            ExploreCursor decoded = new ExploreCursor(Long.parseLong(parts[0]), Integer.parseInt(parts[1]));
            if (decoded.snapshot() <= 0 || decoded.offset() <= 0) {
                throw new IllegalArgumentException("out of range");
            }
            return decoded;
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("cursor", "is not a cursor this feed returned");
        }
    }
}
