package io.circles.notification;

import static io.circles.notification.Inboxes.actorIds;
import static io.circles.notification.Inboxes.awaitOne;
import static io.circles.notification.Inboxes.of;
import static io.circles.notification.Inboxes.ofType;
import static io.circles.notification.NotificationTypesIT.comment;
import static io.circles.notification.NotificationTypesIT.like;
import static io.circles.notification.NotificationTypesIT.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.community.CommunityCreated;
import io.circles.events.community.JoinRequested;
import io.circles.events.community.MemberJoined;
import io.circles.events.community.MemberRoleChanged;
import io.circles.events.people.PersonBlocked;
import io.circles.events.people.PersonUnblocked;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Blocks, from person-blocked/unblocked on people.events.v1 to what the blocker reads: nothing new caused by the
 * blocked person, and what they caused before hidden from the list, the count and the stream while the block holds.
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "notification"))
class BlocksIT {

    @Inject
    ObjectMapper json;

    @TestHTTPResource("/api/notifications/stream")
    URL stream;

    @Test
    void aBlockHidesWhatTheBlockedPersonCausedAndStopsNewOnesUntilItIsLifted() {
        Published events = new Published(json);
        String author = Tokens.newUserId("author");
        String friend = Tokens.newUserId("friend");
        String troll = Tokens.newUserId("troll");
        String community = UUID.randomUUID().toString();
        String post = post(events, community, author, "PUBLIC");
        events.publish(comment(post, community, troll, "first!"));
        events.publish(like(post, community, friend));
        events.publish(like(post, community, troll));
        Inboxes.awaitUntil(author, items -> items.size() == 2 && ofType(items, "POST_LIKED").stream()
                .anyMatch(item -> ((Number) item.get("count")).intValue() == 2));
        assertEquals(2, Inboxes.unread(author));

        events.publish(new PersonBlocked(author, troll));
        List<Map<String, Object>> blocking = Inboxes.awaitUntil(author, items -> items.size() == 1);
        Map<String, Object> likes = blocking.get(0);
        assertEquals("POST_LIKED", likes.get("type"), "the troll's comment is hidden");
        assertEquals(List.of(friend), actorIds(likes), "the troll is left out of the likes");
        assertEquals(1, ((Number) likes.get("count")).intValue());
        assertEquals(friend + " liked your post", likes.get("text"));
        assertEquals(1, Inboxes.unread(author), "the hidden comment is not counted");

        // While the block holds, the troll's acts notify nobody who blocked them; a friend's comment behind them on
        // the same partition shows when they were processed.
        events.publish(comment(post, community, troll, "hello?"));
        events.publish(like(post, community, troll));
        events.publish(comment(post, community, friend, "after"));
        awaitOne(author, "POST_COMMENTED");
        List<Map<String, Object>> during = of(author);
        assertEquals(2, during.size());
        assertTrue(during.stream().noneMatch(item -> actorIds(item).contains(troll)), () -> "no troll: " + during);
        assertEquals(1, ((Number) ofType(during, "POST_LIKED").get(0).get("count")).intValue());
        assertEquals(2, Inboxes.unread(author));

        events.publish(new PersonUnblocked(author, troll));
        List<Map<String, Object>> after = Inboxes.awaitUntil(author, items -> items.size() == 3);
        assertEquals(List.of(troll, friend), actorIds(ofType(after, "POST_LIKED").get(0)),
                "the hidden like shows again, the one during the block never came");
        assertEquals(2, ((Number) ofType(after, "POST_LIKED").get(0).get("count")).intValue());
        List<Map<String, Object>> comments = ofType(after, "POST_COMMENTED");
        assertEquals(List.of(List.of(friend), List.of(troll)), comments.stream().map(Inboxes::actorIds).toList(),
                "the comment from before the block is back; the one during it was never written");
        assertEquals(3, Inboxes.unread(author));
    }

    @Test
    void aJoinRequestFromSomeoneTheOwnerBlockedReachesTheModeratorsOnly() {
        Published events = new Published(json);
        String owner = Tokens.newUserId("owner");
        String moderator = Tokens.newUserId("moderator");
        String pest = Tokens.newUserId("pest");
        String community = UUID.randomUUID().toString();
        events.publish(new CommunityCreated(community, "Night owls", "", List.of("stars"), "Hangzhou", 30.2, 120.1,
                "PRIVATE", owner, Instant.now()));
        events.publish(new MemberJoined(community, moderator, "MEMBER", Instant.now()));
        events.publish(new MemberRoleChanged(community, moderator, "MODERATOR", owner, Instant.now()));
        // Something the pest causes for the owner, so its disappearance shows the block was applied.
        String elsewhere = UUID.randomUUID().toString();
        String ownersPost = post(events, elsewhere, owner, "PUBLIC");
        events.publish(comment(ownersPost, elsewhere, pest, "hey"));
        awaitOne(owner, "POST_COMMENTED");
        events.publish(new PersonBlocked(owner, pest));
        Inboxes.awaitUntil(owner, List::isEmpty);

        events.publish(new JoinRequested(community, pest, "let me in", Instant.now()));
        String welcome = Tokens.newUserId("welcome");
        events.publish(new JoinRequested(community, welcome, null, Instant.now()));

        assertEquals(List.of(welcome), actorIds(awaitOne(owner, "JOIN_REQUESTED")));
        List<Map<String, Object>> toModerator = Inboxes.awaitAll(moderator, "JOIN_REQUESTED", 2);
        assertEquals(List.of(List.of(welcome), List.of(pest)), toModerator.stream().map(Inboxes::actorIds).toList(),
                "the moderator did not block the pest");
        assertEquals(List.of("JOIN_REQUESTED"), of(owner).stream().map(item -> item.get("type")).toList(),
                "the owner hears of the welcome applicant only");
    }

    @Test
    void theBlockersOpenStreamHearsTheCountWithoutTheHiddenOnes() throws Exception {
        Published events = new Published(json);
        String author = Tokens.newUserId("author");
        String troll = Tokens.newUserId("troll");
        String community = UUID.randomUUID().toString();
        String post = post(events, community, author, "PUBLIC");
        try (LiveStream live = LiveStream.open(stream, author)) {
            SseEvents sse = new SseEvents(live, json);
            assertEquals(0, sse.next("unread-count").get("count").asLong());
            events.publish(comment(post, community, troll, "first!"));
            JsonNode notification = sse.next("notification");
            assertEquals(troll, notification.get("actors").get(0).get("id").asText());
            assertEquals(1, sse.next("unread-count").get("count").asLong());

            events.publish(new PersonBlocked(author, troll));
            assertEquals(0, sse.next("unread-count").get("count").asLong());
            events.publish(new PersonUnblocked(author, troll));
            assertEquals(1, sse.next("unread-count").get("count").asLong());
        }
    }
}
