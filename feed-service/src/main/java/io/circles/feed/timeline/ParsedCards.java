package io.circles.feed.timeline;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * Recently parsed cards, by their stored text. A page reads its cards from Redis as JSON text and parsing each one
 * was a tenth of feed-service's CPU in the feed read benchmark; the same popular cards are read by many users, so a
 * card whose stored text is exactly one parsed before is returned without parsing it again. Keyed by the whole text,
 * so an edited card (new text) is parsed afresh and a stale one is never served; {@link FeedItem} is immutable, so
 * one parsed card can be shared by every reader.
 *
 * <p>Direct-mapped and lock-free: slot = hash of the text; a newer card simply replaces the one in its slot. Bounded
 * by its slot count (each slot holds one text and its card).
 */
final class ParsedCards {

    private final AtomicReferenceArray<Entry> slots;
    private final int mask;

    ParsedCards(int slots) {
        if (slots <= 0 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two, not " + slots);
        }
        this.slots = new AtomicReferenceArray<>(slots);
        this.mask = slots - 1;
    }

    FeedItem get(String stored, Function<String, FeedItem> parse) {
        int hash = stored.hashCode();
        int slot = (hash ^ (hash >>> 16)) & mask;
        Entry entry = slots.get(slot);
        if (entry != null && entry.stored.equals(stored)) {
            return entry.card;
        }
        FeedItem card = parse.apply(stored);
        slots.set(slot, new Entry(stored, card));
        return card;
    }

    private record Entry(String stored, FeedItem card) {
    }
}
