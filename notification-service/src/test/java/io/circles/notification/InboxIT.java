package io.circles.notification;

import static io.circles.notification.Inboxes.actorIds;
import static io.circles.notification.Inboxes.awaitOne;
import static io.circles.notification.Inboxes.of;
import static io.circles.notification.NotificationTypesIT.comment;
import static io.circles.notification.NotificationTypesIT.like;
import static io.circles.notification.NotificationTypesIT.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.Topics;
import io.circles.events.post.CommentAdded;
import io.circles.events.post.PostReacted;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Grouping, reading, paging, exactly-once delivery and poison messages, against the running service. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "notification"))
class InboxIT {

    @Inject
    ObjectMapper json;

    @Test
    void likesOfOnePostCollapseIntoOneUnreadNotificationUntilItIsRead() {
        Published events = new Published(json);
        String author = Tokens.newUserId("author");
        String community = UUID.randomUUID().toString();
        String post = post(events, community, author, "PUBLIC");
        List<String> likers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String liker = Tokens.newUserId("liker" + i);
            likers.add(liker);
            events.publish(like(post, community, liker));
        }
        events.publish(like(post, community, author));

        List<Map<String, Object>> grouped = Inboxes.awaitUntil(author, items -> !items.isEmpty()
                && ((Number) items.get(0).get("count")).intValue() == 5);
        assertEquals(1, grouped.size(), "one notification for five likes");
        Map<String, Object> likes = grouped.get(0);
        assertEquals("POST_LIKED", likes.get("type"));
        assertEquals(List.of(likers.get(4), likers.get(3), likers.get(2)), actorIds(likes), "the latest three");
        assertEquals(likers.get(4) + " and 4 others liked your post", likes.get("text"));
        assertEquals(1, Inboxes.unread(author));
        assertTrue(likers.stream().allMatch(liker -> of(liker).isEmpty()), "a like tells the author only");

        read(author, (String) likes.get("id")).statusCode(204);
        assertEquals(0, Inboxes.unread(author));
        String late = Tokens.newUserId("late");
        events.publish(like(post, community, late));
        List<Map<String, Object>> after = Inboxes.awaitUntil(author, items -> items.size() == 2);
        assertEquals(1, ((Number) after.get(0).get("count")).intValue());
        assertEquals(List.of(late), actorIds(after.get(0)));
        assertEquals(false, after.get(0).get("read"));
        assertEquals(true, after.get(1).get("read"));
        assertEquals(5, ((Number) after.get(1).get("count")).intValue());
    }

    @Test
    void redeliveredEventsChangeNothing() {
        Published events = new Published(json);
        String author = Tokens.newUserId("author");
        String community = UUID.randomUUID().toString();
        String post = post(events, community, author, "PUBLIC");
        List<String> ids = new ArrayList<>();
        List<Object> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            PostReacted like = like(post, community, Tokens.newUserId("liker"));
            ids.add(events.publish(like));
            sent.add(like);
        }
        CommentAdded comment = comment(post, community, Tokens.newUserId("friend"), "nice");
        ids.add(events.publish(comment));
        sent.add(comment);
        Inboxes.awaitUntil(author, items -> items.size() == 2 && items.stream()
                .anyMatch(item -> ((Number) item.get("count")).intValue() == 3));
        List<Map<String, Object>> before = of(author);

        // The same records again, twice (ce_id unchanged): a redelivery after a crash, and a replay.
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < ids.size(); i++) {
                events.publish(ids.get(i), (io.circles.events.IntegrationEvent) sent.get(i));
            }
        }
        // A fresh comment behind them on the same partition: once it shows, the redeliveries were processed.
        String last = Tokens.newUserId("last");
        events.publish(comment(post, community, last, "last"));
        Inboxes.awaitUntil(author, items -> items.size() == 3);

        List<Map<String, Object>> after = of(author);
        assertEquals(before, after.subList(1, 3), "the redelivered events wrote nothing and counted nothing");
        assertEquals(3, Inboxes.unread(author));
    }

    @Test
    void readingSomeoneElsesOrAnUnknownNotificationIs404AndChangesNothing() {
        Published events = new Published(json);
        String author = Tokens.newUserId("author");
        String stranger = Tokens.newUserId("stranger");
        String community = UUID.randomUUID().toString();
        String post = post(events, community, author, "PUBLIC");
        events.publish(comment(post, community, Tokens.newUserId("friend"), "hi"));
        String id = (String) awaitOne(author, "POST_COMMENTED").get("id");

        read(stranger, id).statusCode(404).contentType(startsWith("application/problem+json"));
        read(author, UUID.randomUUID().toString()).statusCode(404);
        read(author, "not-an-id").statusCode(404);
        given().header("Authorization", Tokens.bearer(stranger)).post("/api/notifications/read-all")
                .then().statusCode(204);
        assertEquals(1, Inboxes.unread(author), "nobody else's read changed the author's notification");
        read(author, id).statusCode(204);
        read(author, id).statusCode(204);
        assertEquals(0, Inboxes.unread(author));
        given().post("/api/notifications/read-all").then().statusCode(401);
    }

    @Test
    void theListPagesNewestFirstAndFiltersUnread() {
        Published events = new Published(json);
        String author = Tokens.newUserId("author");
        String community = UUID.randomUUID().toString();
        String post = post(events, community, author, "PUBLIC");
        for (int i = 0; i < 5; i++) {
            events.publish(comment(post, community, Tokens.newUserId("friend"), "comment " + i));
        }
        List<Map<String, Object>> all = Inboxes.awaitUntil(author, items -> items.size() == 5);
        assertEquals("comment 4", ((String) all.get(0).get("text")).substring(((String) all.get(0).get("text"))
                .indexOf(": ") + 2));

        Set<Object> seen = new HashSet<>();
        JsonPath first = Inboxes.page(author, "?limit=2");
        assertEquals(2, first.getList("items").size());
        first.getList("items.id").forEach(seen::add);
        JsonPath second = Inboxes.page(author, "?limit=2&cursor=" + first.getString("nextCursor"));
        second.getList("items.id").forEach(seen::add);
        JsonPath third = Inboxes.page(author, "?limit=2&cursor=" + second.getString("nextCursor"));
        third.getList("items.id").forEach(seen::add);
        assertNull(third.getString("nextCursor"));
        assertEquals(5, seen.size());

        read(author, (String) all.get(0).get("id")).statusCode(204);
        assertEquals(4, Inboxes.page(author, "?unread=true").getList("items").size());
        given().header("Authorization", Tokens.bearer(author)).post("/api/notifications/read-all")
                .then().statusCode(204);
        assertEquals(0, Inboxes.page(author, "?unread=true").getList("items").size());
        assertEquals(5, of(author).size());

        for (String bad : List.of("?limit=0", "?limit=101", "?limit=x", "?cursor=%%%", "?unread=maybe")) {
            given().header("Authorization", Tokens.bearer(author)).get("/api/notifications" + bad)
                    .then().statusCode(400).contentType(startsWith("application/problem+json"));
        }
    }

    @Test
    void aPoisonMessageIsDeadLetteredAndTheConsumerKeepsGoing() {
        Published events = new Published(json);
        String author = Tokens.newUserId("author");
        String community = UUID.randomUUID().toString();
        String post = post(events, community, author, "PUBLIC");
        String deadLetters = Topics.deadLetter(Topics.COMMUNITY_POSTS, "notification-service");
        try (KafkaProbe probe = KafkaProbe.on(deadLetters)) {
            String poisonId = UUID.randomUUID().toString();
            KafkaProbe.publish(Topics.COMMUNITY_POSTS, community, Map.of("ce_id", poisonId,
                    "ce_type", CommentAdded.TYPE, "ce_source", "/test"), "{not json");
            events.publish(comment(post, community, Tokens.newUserId("friend"), "after the poison"));
            probe.await(event -> poisonId.equals(event.headers().get("ce_id")), Duration.ofSeconds(30));
        }
        Map<String, Object> after = awaitOne(author, "POST_COMMENTED");
        assertTrue(((String) after.get("text")).endsWith("after the poison"));
    }

    private static io.restassured.response.ValidatableResponse read(String user, String id) {
        return given().header("Authorization", Tokens.bearer(user)).post("/api/notifications/" + id + "/read")
                .then();
    }

}
