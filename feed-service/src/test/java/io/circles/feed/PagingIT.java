package io.circles.feed;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.circles.events.community.CommunityCreated;
import io.circles.events.community.MemberJoined;
import io.circles.events.post.PostPublished;
import io.circles.feed.membership.FeedKeys;
import io.circles.feed.timeline.Cards;
import io.circles.feed.timeline.FeedItem;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class PagingIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ObjectMapper json;

    @Inject
    RedisDataSource redis;

    @Test
    void pagingWhileNewItemsArriveNeitherRepeatsNorSkips() throws Exception {
        Published events = new Published(json);
        String community = UUID.randomUUID().toString();
        String reader = Tokens.newUserId("reader");
        events.publish(new CommunityCreated(community, "Paging", "", List.of(), "Paris", 0, 0, "PUBLIC", reader,
                Instant.now()));
        events.publish(new MemberJoined(community, reader, "OWNER", Instant.now()));
        // 40 posts, several sharing a millisecond, so the id tie-break is exercised too.
        Instant base = Instant.now().minusSeconds(3600);
        List<String> original = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            original.add(post(events, community, reader, base.plusSeconds(i / 4)));
        }
        await().atMost(WAIT).until(() -> all(reader).size() == 40);
        List<String> before = all(reader);

        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 20; i++) {
                // Newer posts land above the cursor, late ones below it: neither may disturb the pages.
                post(events, community, reader, i % 2 == 0 ? Instant.now() : base.plusMillis(1500 + i));
            }
        });
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = page(reader, 3, cursor);
            paged.addAll(page.getList("items.id", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        writer.get();

        Set<String> distinct = new HashSet<>(paged);
        assertEquals(paged.size(), distinct.size(), "no item is served twice");
        List<String> originalSeen = paged.stream().filter(original::contains).toList();
        assertEquals(before, originalSeen, "every item that was there is served once, in order");
    }

    @Test
    void theLastPageHasNoNextCursor() {
        String reader = readerWithPosts(4);
        JsonPath first = page(reader, 2, null);
        JsonPath second = page(reader, 2, first.getString("nextCursor"));
        assertEquals(2, second.getList("items").size());
        assertNull(second.getString("nextCursor"));
        assertNull(page(reader, 4, null).getString("nextCursor"));
    }

    @Test
    void aFirstPageSkipsEntriesWhoseCardsAreGoneAndStillFillsItsLimit() {
        String reader = readerWithPosts(12);
        List<String> newestFirst = all(reader);
        // Cards can be gone while timelines still hold their ids (expired, or removed before the removal reached
        // every timeline): the seven newest are, more than a first read's slack, so the page is read again past them.
        for (String gone : newestFirst.subList(0, 7)) {
            redis.key(String.class).del(FeedKeys.card(gone));
            redis.pubsub(String.class).publish(Cards.CHANGED, gone);
        }
        List<String> remaining = newestFirst.subList(7, 12);
        await().atMost(WAIT).until(() -> all(reader).equals(remaining));
        JsonPath first = page(reader, 3, null);
        assertEquals(remaining.subList(0, 3), first.getList("items.id", String.class));
        JsonPath second = page(reader, 3, first.getString("nextCursor"));
        assertEquals(remaining.subList(3, 5), second.getList("items.id", String.class));
        assertNull(second.getString("nextCursor"));
    }

    @Test
    void pagesAreTheJsonOfTheirFeedPage() throws Exception {
        String reader = readerWithPosts(3);
        for (int limit : new int[] {2, 3}) {
            String body = given().auth().oauth2(Tokens.forUser(reader)).queryParam("limit", limit)
                    .get("/api/feeds/me").then().statusCode(200).contentType("application/json")
                    .extract().asString();
            // Pages are written from cards rendered once (FeedPageWriter): byte for byte what Jackson writes, each
            // card followed by its author's profile as its last property.
            JsonNode tree = json.readTree(body);
            assertEquals(new String(json.writeValueAsBytes(tree), StandardCharsets.UTF_8), body);
            for (JsonNode item : tree.get("items")) {
                ObjectNode card = item.deepCopy();
                JsonNode author = card.remove("authorProfile");
                assertEquals(item.get("author").asText(), author.get("id").asText());
                assertEquals(json.writeValueAsString(json.treeToValue(card, FeedItem.class)),
                        json.writeValueAsString(card));
            }
        }
    }

    /** A new reader, the owner of a new community with {@code posts} posts, all of them in the reader's feed. */
    private String readerWithPosts(int posts) {
        Published events = new Published(json);
        String community = UUID.randomUUID().toString();
        String reader = Tokens.newUserId("reader");
        events.publish(new MemberJoined(community, reader, "OWNER", Instant.now()));
        for (int i = 0; i < posts; i++) {
            post(events, community, reader, Instant.now().minusSeconds(i));
        }
        await().atMost(WAIT).until(() -> all(reader).size() == posts);
        return reader;
    }

    private static String post(Published events, String community, String author, Instant at) {
        String id = UUID.randomUUID().toString();
        events.publish(new PostPublished(id, community, "Paging", "PUBLIC", List.of(), "Paris", author, "p",
                List.of(), at));
        return id;
    }

    private static JsonPath page(String user, int limit, String cursor) {
        var request = given().auth().oauth2(Tokens.forUser(user)).queryParam("limit", limit);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        return request.get("/api/feeds/me").then().statusCode(200).extract().jsonPath();
    }

    private static List<String> all(String user) {
        return page(user, 100, null).getList("items.id", String.class);
    }
}
