package io.circles.feed.read;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;

import io.circles.platform.problem.ProblemException;

/**
 * Where an item sits in a feed: its score (publish time, ms) and its id as a tie-break. Feeds are ordered newest
 * first, ties by id descending; a cursor is the position of the last item served, so paging is stable while new
 * items arrive at the top or late ones land further down.
 */
public record Position(long score, String id) {

    /** Feed order: newest first, then id descending (the order of Redis {@code ZRANGE … REV} for ASCII ids). */
    public static final Comparator<Position> FEED_ORDER = Comparator.comparingLong(Position::score).reversed()
            .thenComparing(Position::id, Comparator.reverseOrder());

    /** True when this position comes after {@code cursor} in feed order. */
    public boolean isAfter(Position cursor) {
        return FEED_ORDER.compare(this, cursor) > 0;
    }

    /** The opaque cursor: base64url of {@code score:id}. */
    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((score + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Parses a cursor from {@link #encode()}; anything else is a 400 on the {@code cursor} field. */
    public static Position decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new IllegalArgumentException("no separator");
            }
            return new Position(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("cursor", "is not a cursor this feed returned");
        }
    }
}
