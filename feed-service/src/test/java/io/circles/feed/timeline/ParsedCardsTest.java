package io.circles.feed.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class ParsedCardsTest {

    private final AtomicInteger parses = new AtomicInteger();
    private final Function<String, FeedItem> parse = text -> {
        parses.incrementAndGet();
        return new FeedItem(text, FeedItem.COMMUNITY_POST, false, Instant.EPOCH, "a", null, null, text, List.of(),
                null, null);
    };

    @Test
    void theSameStoredTextIsParsedOnce() {
        ParsedCards cards = new ParsedCards(64);
        FeedItem first = cards.get(new String("{\"id\":\"p1\"}"), parse);
        FeedItem again = cards.get(new String("{\"id\":\"p1\"}"), parse); // an equal text, another instance
        assertSame(first, again);
        assertEquals(1, parses.get());
    }

    @Test
    void anEditedCardIsParsedAfreshNeverServedStale() {
        ParsedCards cards = new ParsedCards(64);
        cards.get("{\"id\":\"p1\",\"text\":\"before\"}", parse);
        FeedItem edited = cards.get("{\"id\":\"p1\",\"text\":\"after\"}", parse);
        assertEquals("{\"id\":\"p1\",\"text\":\"after\"}", edited.text());
        assertEquals(2, parses.get());
    }

    @Test
    void textsSharingASlotEachGetTheirOwnCard() {
        ParsedCards cards = new ParsedCards(1); // every text in the one slot
        for (int round = 0; round < 3; round++) {
            assertEquals("a", cards.get("a", parse).id());
            assertEquals("b", cards.get("b", parse).id());
        }
        assertEquals(6, parses.get());
    }

    @Test
    void theSlotCountIsAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new ParsedCards(1000));
        assertThrows(IllegalArgumentException.class, () -> new ParsedCards(0));
    }
}
