package io.circles.community.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.circles.platform.problem.ProblemException;

/**
 * {@code limit} and {@code cursor} of a list call. The cursor is opaque to clients: base64url of the sort key
 * and the id of the last item served, so the next page starts strictly after it (keyset paging never repeats
 * or skips an item when rows are inserted between pages).
 */
public record PageRequest(int limit, List<String> after) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static PageRequest parse(String limit, String cursor) {
        int size = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                size = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("limit", "must be an integer between 1 and " + MAX_LIMIT);
            }
            if (size < 1 || size > MAX_LIMIT) {
                throw ProblemException.badRequest("limit", "must be between 1 and " + MAX_LIMIT);
            }
        }
        return new PageRequest(size, cursor == null || cursor.isBlank() ? null : decode(cursor));
    }

    public boolean first() {
        return after == null;
    }

    /** The cursor's parts, checked to be {@code parts} long; a tampered cursor is a 400, never a 500. */
    public List<String> after(int parts) {
        if (after.size() != parts) {
            throw ProblemException.badRequest("cursor", "not a cursor of this list");
        }
        return after;
    }

    public static String encode(String... parts) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            return List.of(raw.split("\n", -1));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("cursor", "not a valid cursor");
        }
    }
}
