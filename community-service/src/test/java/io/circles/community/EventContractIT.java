package io.circles.community;

import static io.circles.community.Fixtures.as;
import static io.circles.community.Fixtures.createCommunity;
import static io.circles.community.Fixtures.join;
import static io.circles.community.Fixtures.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.circles.events.Topics;
import io.circles.events.community.CommunityArchived;
import io.circles.events.community.CommunityCreated;
import io.circles.events.community.CommunityUpdated;
import io.circles.events.community.JoinRejected;
import io.circles.events.community.JoinRequested;
import io.circles.events.community.MemberBanned;
import io.circles.events.community.MemberJoined;
import io.circles.events.community.MemberLeft;
import io.circles.events.community.MemberRoleChanged;
import io.circles.events.community.MemberUnbanned;
import io.circles.events.post.CommentAdded;
import io.circles.events.post.PostPublished;
import io.circles.events.post.PostReacted;
import io.circles.events.post.PostRemoved;
import io.circles.events.post.PostUpdated;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.ReceivedEvent;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Every event type community-service emits, on its real topic: record key, CloudEvents headers, schema. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "community"))
class EventContractIT {

    @Test
    void everyEventTypeCarriesTheCommunityKeyCloudEventsHeadersAndASchemaValidPayload() {
        String owner = Tokens.newUserId("owner");
        String asker = Tokens.newUserId("asker");
        String member = Tokens.newUserId("member");
        try (KafkaProbe events = KafkaProbe.on(Topics.COMMUNITY_EVENTS);
                KafkaProbe posts = KafkaProbe.on(Topics.COMMUNITY_POSTS)) {
            String id = createCommunity(owner, "PRIVATE");
            String base = "/api/communities/" + id;
            join(asker, id).statusCode(201);
            as(owner).post(base + "/join-requests/" + asker + "/reject").then().statusCode(204);
            join(member, id).statusCode(201);
            as(owner).post(base + "/join-requests/" + member + "/approve").then().statusCode(200);
            as(owner).body("{\"role\":\"MODERATOR\"}").put(base + "/members/" + member + "/role")
                    .then().statusCode(200);
            as(owner).body("{\"description\":\"new words\"}").patch(base).then().statusCode(200);
            as(owner).body("{\"userId\":\"" + asker + "\",\"reason\":\"spam\"}").post(base + "/bans")
                    .then().statusCode(201);
            as(owner).delete(base + "/bans/" + asker).then().statusCode(204);

            String postId = post(member, id, "hello");
            as(member).body("{\"text\":\"hello again\"}").patch("/api/posts/" + postId).then().statusCode(200);
            as(owner).body("{\"text\":\"hi\"}").post("/api/posts/" + postId + "/comments").then().statusCode(201);
            as(owner).body("{\"type\":\"LIKE\"}").put("/api/posts/" + postId + "/reactions/me").then().statusCode(200);
            as(owner).post("/api/posts/" + postId + "/hide").then().statusCode(204);

            as(member).delete(base + "/members/me").then().statusCode(204);
            as(owner).delete(base).then().statusCode(204);

            for (String type : List.of(CommunityCreated.TYPE, JoinRequested.TYPE, JoinRejected.TYPE, MemberJoined.TYPE,
                    MemberRoleChanged.TYPE, CommunityUpdated.TYPE, MemberBanned.TYPE, MemberUnbanned.TYPE,
                    MemberLeft.TYPE, CommunityArchived.TYPE)) {
                check(events.await(type, id), id, Topics.COMMUNITY_EVENTS);
            }
            for (String type : List.of(PostPublished.TYPE, PostUpdated.TYPE, CommentAdded.TYPE, PostReacted.TYPE,
                    PostRemoved.TYPE)) {
                ReceivedEvent event = check(posts.await(type, id), id, Topics.COMMUNITY_POSTS);
                assertEquals(postId, event.json().get("postId").asText());
            }
            List<String> order = events.all(e -> id.equals(e.key()), Duration.ofSeconds(1)).stream()
                    .map(ReceivedEvent::type).toList();
            assertEquals(CommunityCreated.TYPE, order.get(0), "one community's events arrive in commit order");
            assertEquals(CommunityArchived.TYPE, order.get(order.size() - 1));
        }
    }

    private static ReceivedEvent check(ReceivedEvent event, String communityId, String topic) {
        event.assertMatchesSchema();
        assertEquals(topic, event.topic());
        assertEquals(communityId, event.key(), event.type() + " is keyed by the community");
        assertEquals(communityId, event.json().get("communityId").asText());
        assertEquals("/community-service", event.source());
        assertEquals("1.0", event.headers().get("ce_specversion"));
        UUID.fromString(event.id());
        assertNotNull(Instant.parse(event.time()));
        assertNotNull(event.subject(), event.type() + " has a subject");
        return event;
    }
}
