package io.circles.feed.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.circles.events.Media;
import io.circles.events.Venue;
import io.circles.feed.people.AuthorProfile;
import io.circles.feed.timeline.FeedItem;
import org.junit.jupiter.api.Test;

class FeedPageWriterTest {

    // Configured as the application's mapper is (ISO instants, not timestamps).
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final FeedPageWriter writer = new FeedPageWriter(json);

    @Test
    void aPageIsWhatJacksonWritesForIt() throws Exception {
        List<FeedItem> items = new ArrayList<>();
        items.add(post("p1", "pour-over at dawn, who is in?"));
        items.add(post("p2", "quotes \" and \\ backslashes, \n newlines, 中文 and emoji \uD83D\uDE00"));
        items.add(new FeedItem("a1", FeedItem.ACTIVITY, false, Instant.parse("2026-11-30T10:00:00.123456Z"), "u2",
                new FeedItem.CommunityRef("c1", "Hikers"), null, "Sunday hike",
                List.of(new Media("IMAGE", "https://cdn.example/1.jpg", 640, 480, null, null)),
                new FeedItem.ActivityInfo("a1", "Sunday hike", Instant.parse("2026-12-06T08:00:00Z"),
                        Instant.parse("2026-12-06T12:00:00Z"), new Venue("Trailhead", "1 Hill Rd", 30.2, 120.1), 12),
                null));
        items.add(new FeedItem("m1", FeedItem.MERCHANT_POST, true, Instant.parse("2026-11-29T10:00:00Z"), "shop",
                null, new FeedItem.MerchantRef("m", "Bean & Leaf"), "new roast", List.of(), null, "promo-1"));

        for (FeedPage page : List.of(new FeedPage(items, "MTc2NzI2ODc4MTAwMDpwMQ"), new FeedPage(items, null),
                new FeedPage(List.of(), null), new FeedPage(List.of(items.get(0)), "a\"b"))) {
            // What Jackson writes to the response stream (it escapes characters outside the BMP, a string does not).
            assertEquals(new String(json.writeValueAsBytes(page), "UTF-8"), new String(writer.render(page), "UTF-8"));
        }
    }

    @Test
    void eachCardCarriesItsAuthorsProfileAsItsLastProperty() throws Exception {
        List<FeedItem> items = List.of(post("p1", "first"), post("p2", "second"),
                new FeedItem("m1", FeedItem.MERCHANT_POST, false, Instant.parse("2026-11-29T10:00:00Z"), null,
                        null, new FeedItem.MerchantRef("m", "Shop"), "no author", List.of(), null, null));
        AuthorProfile ana = new AuthorProfile("u1", "Ana \"<b>\" 中文", null);
        FeedPage page = new FeedPage(items, "c").withAuthors(Map.of("u1", ana));

        ObjectNode expected = json.createObjectNode();
        ArrayNode cards = expected.putArray("items");
        for (FeedItem item : items) {
            ObjectNode card = json.valueToTree(item);
            if (item.author() != null) {
                card.set("authorProfile", json.valueToTree(ana));
            }
            cards.add(card);
        }
        expected.put("nextCursor", "c");
        assertEquals(new String(json.writeValueAsBytes(expected), "UTF-8"), new String(writer.render(page), "UTF-8"));
    }

    private static FeedItem post(String id, String text) {
        return new FeedItem(id, FeedItem.COMMUNITY_POST, false, Instant.parse("2026-11-30T09:00:00Z"), "u1",
                new FeedItem.CommunityRef("c1", "Coffee"), null, text, List.of(), null, null);
    }
}
