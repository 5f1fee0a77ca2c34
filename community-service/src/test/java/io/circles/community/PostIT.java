package io.circles.community;

import static io.circles.community.Fixtures.as;
import static io.circles.community.Fixtures.asAdmin;
import static io.circles.community.Fixtures.createCommunity;
import static io.circles.community.Fixtures.join;
import static io.circles.community.Fixtures.member;
import static io.circles.community.Fixtures.moderator;
import static io.circles.community.Fixtures.post;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.circles.events.Topics;
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

@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "community"))
class PostIT {

    private static final String IMAGE = "{\"type\":\"IMAGE\",\"url\":\"https://cdn.example.com/a.jpg\",\"width\":800,"
            + "\"height\":600}";
    private static final String VIDEO = "{\"type\":\"VIDEO\",\"url\":\"https://cdn.example.com/v.mp4\","
            + "\"durationSec\":120,\"coverUrl\":\"https://cdn.example.com/v.jpg\"}";

    @Test
    void aMemberPublishesAPostAndPostPublishedCarriesTheCommunityContext() {
        String owner = Tokens.newUserId("owner");
        String gus = Tokens.newUserId("gus");
        String id = createCommunity(owner, "PUBLIC");
        join(gus, id).statusCode(201);
        try (KafkaProbe probe = KafkaProbe.on(Topics.COMMUNITY_POSTS)) {
            String postId = as(gus).body("{\"text\":\"Sunrise at the peak\",\"media\":[" + IMAGE + "," + IMAGE + "]}")
                    .post("/api/communities/" + id + "/posts")
                    .then().statusCode(201).body("authorId", equalTo(gus)).body("media", hasSize(2))
                    .body("likeCount", equalTo(0)).extract().path("id");

            ReceivedEvent published = probe.await(PostPublished.TYPE, id).assertMatchesSchema();
            assertEquals(postId, published.subject());
            assertEquals("Weekend Hikers", published.json().get("communityName").asText());
            assertEquals("PUBLIC", published.json().get("visibility").asText());
            assertEquals("hiking", published.json().get("interests").get(0).asText());
            assertEquals("Hangzhou", published.json().get("city").asText());
            assertEquals(800, published.json().get("media").get(0).get("width").asInt());
            assertEquals(gus, published.json().get("authorId").asText());
            assertEquals("Sunrise at the peak", published.json().get("text").asText());
            assertEquals(postId, published.json().get("postId").asText());
        }
        as(Tokens.newUserId("passerby")).get("/api/communities/" + id + "/posts").then().statusCode(200)
                .body("items[0].text", equalTo("Sunrise at the peak"));
    }

    @Test
    void invalidPostsAreRejectedWithFieldErrorsAndPublishNothing() {
        String owner = Tokens.newUserId("owner");
        String id = createCommunity(owner, "PUBLIC");
        String tenImages = String.join(",", Collections.nCopies(10, IMAGE));
        try (KafkaProbe probe = KafkaProbe.on(Topics.COMMUNITY_POSTS)) {
            List<String> bodies = List.of("{}", "{\"text\":\"   \"}", "{\"text\":\"" + "x".repeat(5001) + "\"}",
                    "{\"media\":[" + tenImages + "]}", "{\"media\":[" + IMAGE + "," + VIDEO + "]}",
                    "{\"media\":[" + VIDEO + "," + VIDEO + "]}",
                    "{\"media\":[" + IMAGE.replace("https", "http") + "]}",
                    "{\"media\":[" + VIDEO.replace("120", "901") + "]}",
                    "{\"media\":[{\"type\":\"IMAGE\",\"url\":\"https://x.example/a.jpg\"}]}",
                    "{\"media\":[{\"type\":\"GIF\",\"url\":\"https://x.example/a.gif\"}]}",
                    "{\"text\": 42, \"media\": \"no\"}", "{\"text\":\"unclosed");
            for (String body : bodies) {
                as(owner).body(body).post("/api/communities/" + id + "/posts")
                        .then().statusCode(400).contentType("application/problem+json");
            }
            as(owner).body("{\"text\":\"hi\"}").post("/api/communities/" + java.util.UUID.randomUUID() + "/posts")
                    .then().statusCode(404);
            assertTrue(probe.all(e -> e.key().equals(id), Duration.ofSeconds(1)).isEmpty());
        }
        as(owner).get("/api/communities/" + id + "/posts").then().body("items", hasSize(0));
    }

    @Test
    void privateCommunityContentIsForMembersOnly() {
        String owner = Tokens.newUserId("owner");
        String outsider = Tokens.newUserId("outsider");
        String pending = Tokens.newUserId("pending");
        String id = createCommunity(owner, "PRIVATE");
        String postId = post(owner, id, "members only");
        join(pending, id).statusCode(201);
        for (String user : List.of(outsider, pending)) {
            as(user).get("/api/communities/" + id + "/posts").then().statusCode(403);
            as(user).get("/api/posts/" + postId).then().statusCode(403);
            as(user).get("/api/posts/" + postId + "/comments").then().statusCode(403);
            as(user).body("{\"text\":\"let me in\"}").post("/api/communities/" + id + "/posts").then().statusCode(403);
        }
        asAdmin(Tokens.newUserId("admin")).get("/api/posts/" + postId).then().statusCode(200);
        as(owner).get("/api/posts/" + postId).then().statusCode(200).body("text", equalTo("members only"));
    }

    @Test
    void onlyTheAuthorEditsAndPostUpdatedCarriesTheNewContent() {
        String owner = Tokens.newUserId("owner");
        String author = Tokens.newUserId("author");
        String id = createCommunity(owner, "PUBLIC");
        join(author, id).statusCode(201);
        String postId = post(author, id, "first draft");
        as(owner).body("{\"text\":\"hijacked\"}").patch("/api/posts/" + postId).then().statusCode(403);
        try (KafkaProbe probe = KafkaProbe.on(Topics.COMMUNITY_POSTS)) {
            as(author).body("{\"text\":\"final\",\"media\":[" + VIDEO + "]}").patch("/api/posts/" + postId)
                    .then().statusCode(200).body("text", equalTo("final")).body("media[0].type", equalTo("VIDEO"));
            ReceivedEvent updated = probe.await(PostUpdated.TYPE, id).assertMatchesSchema();
            assertEquals("final", updated.json().get("text").asText());
            as(author).body("{\"media\":[" + IMAGE + "," + VIDEO + "]}").patch("/api/posts/" + postId)
                    .then().statusCode(400);
        }
        as(author).get("/api/posts/" + postId).then().body("text", equalTo("final"));
    }

    @Test
    void theAuthorOrAModeratorDeletesAndPostRemovedSaysDeleted() {
        String owner = Tokens.newUserId("owner");
        String mod = Tokens.newUserId("mod");
        String author = Tokens.newUserId("author");
        String other = Tokens.newUserId("other");
        String id = createCommunity(owner, "PUBLIC");
        moderator(owner, mod, id);
        join(author, id).statusCode(201);
        join(other, id).statusCode(201);
        String postId = post(author, id, "off topic");
        as(other).delete("/api/posts/" + postId).then().statusCode(403);
        try (KafkaProbe probe = KafkaProbe.on(Topics.COMMUNITY_POSTS)) {
            as(mod).delete("/api/posts/" + postId).then().statusCode(204);
            ReceivedEvent removed = probe.await(PostRemoved.TYPE, id).assertMatchesSchema();
            assertEquals("DELETED", removed.json().get("reason").asText());
            assertEquals(mod, removed.json().get("removedBy").asText());
        }
        as(author).get("/api/posts/" + postId).then().statusCode(404);
        as(author).delete("/api/posts/" + postId).then().statusCode(404);
        as(author).get("/api/communities/" + id + "/posts").then().body("items", hasSize(0));
    }

    @Test
    void reportsReachModeratorsWhoHideThePost() {
        String owner = Tokens.newUserId("owner");
        String author = Tokens.newUserId("author");
        String reporter = Tokens.newUserId("reporter");
        String id = createCommunity(owner, "PUBLIC");
        join(author, id).statusCode(201);
        join(reporter, id).statusCode(201);
        String postId = post(author, id, "buy cheap watches");
        as(Tokens.newUserId("outsider")).body("{\"reason\":\"spam\"}").post("/api/posts/" + postId + "/reports")
                .then().statusCode(403);
        as(reporter).body("{\"reason\":\"spam\"}").post("/api/posts/" + postId + "/reports").then().statusCode(201);
        as(reporter).body("{\"reason\":\"spam\"}").post("/api/posts/" + postId + "/reports").then().statusCode(200);
        as(reporter).body("{}").post("/api/posts/" + postId + "/reports").then().statusCode(400);
        as(reporter).get("/api/communities/" + id + "/reports").then().statusCode(403);
        as(owner).get("/api/communities/" + id + "/reports").then().statusCode(200)
                .body("items.postId", contains(postId)).body("items[0].reason", equalTo("spam"));

        as(reporter).post("/api/posts/" + postId + "/hide").then().statusCode(403);
        try (KafkaProbe probe = KafkaProbe.on(Topics.COMMUNITY_POSTS)) {
            as(owner).post("/api/posts/" + postId + "/hide").then().statusCode(204);
            as(owner).post("/api/posts/" + postId + "/hide").then().statusCode(204);
            ReceivedEvent removed = probe.await(PostRemoved.TYPE, id).assertMatchesSchema();
            assertEquals("HIDDEN", removed.json().get("reason").asText());
            assertEquals(1, probe.all(e -> PostRemoved.TYPE.equals(e.type()) && e.subject().equals(postId),
                    Duration.ofSeconds(1)).size());
        }
        as(author).get("/api/posts/" + postId).then().statusCode(404);
        as(owner).get("/api/posts/" + postId).then().statusCode(200).body("status", equalTo("HIDDEN"));
        as(owner).get("/api/communities/" + id + "/reports").then().body("items", hasSize(0));
    }

    @Test
    void commentsAndLikesCountOnThePostAndRepeatedLikesCountOnce() {
        String owner = Tokens.newUserId("owner");
        String fan = Tokens.newUserId("fan");
        String id = createCommunity(owner, "PUBLIC");
        join(fan, id).statusCode(201);
        String postId = post(owner, id, "Trail report");
        as(Tokens.newUserId("outsider")).body("{\"type\":\"LIKE\"}").put("/api/posts/" + postId + "/reactions/me")
                .then().statusCode(403);
        try (KafkaProbe probe = KafkaProbe.on(Topics.COMMUNITY_POSTS)) {
            as(fan).body("{\"text\":\"Great trail!\"}").post("/api/posts/" + postId + "/comments")
                    .then().statusCode(201).body("authorId", equalTo(fan));
            ReceivedEvent comment = probe.await(CommentAdded.TYPE, id).assertMatchesSchema();
            assertEquals(1, comment.json().get("commentCount").asInt());

            as(fan).body("{\"type\":\"LIKE\"}").put("/api/posts/" + postId + "/reactions/me")
                    .then().statusCode(200).body("reactionCount", equalTo(1)).body("active", equalTo(true));
            as(fan).body("{\"type\":\"LIKE\"}").put("/api/posts/" + postId + "/reactions/me")
                    .then().statusCode(200).body("reactionCount", equalTo(1));
            as(owner).body("{\"type\":\"LIKE\"}").put("/api/posts/" + postId + "/reactions/me")
                    .then().statusCode(200).body("reactionCount", equalTo(2));
            as(fan).delete("/api/posts/" + postId + "/reactions/me").then().statusCode(200)
                    .body("reactionCount", equalTo(1)).body("active", equalTo(false));
            as(fan).delete("/api/posts/" + postId + "/reactions/me").then().statusCode(200)
                    .body("reactionCount", equalTo(1));
            as(fan).body("{\"type\":\"LOVE\"}").put("/api/posts/" + postId + "/reactions/me").then().statusCode(400);

            ReceivedEvent reacted = probe.await(PostReacted.TYPE, id).assertMatchesSchema();
            assertEquals(postId, reacted.subject());
            assertEquals(3, probe.all(e -> PostReacted.TYPE.equals(e.type()) && e.subject().equals(postId),
                    Duration.ofSeconds(1)).size(), "repeats emit nothing");
        }
        as(fan).get("/api/posts/" + postId).then().body("likeCount", equalTo(1)).body("commentCount", equalTo(1));
        as(fan).get("/api/posts/" + postId + "/comments").then().statusCode(200)
                .body("items.text", contains("Great trail!")).body("nextCursor", nullValue());
        as(fan).body("{\"text\":\"\"}").post("/api/posts/" + postId + "/comments").then().statusCode(400);
    }

    @Test
    void communityPostsComeNewestFirstAndPagesNeverRepeatWhilePostsArrive() {
        String owner = Tokens.newUserId("owner");
        String id = createCommunity(owner, "PUBLIC");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(post(owner, id, "post " + i));
        }
        List<String> seen = new ArrayList<>();
        var first = as(owner).queryParam("limit", 2).get("/api/communities/" + id + "/posts").then().statusCode(200)
                .extract();
        seen.addAll(first.path("items.id"));
        String cursor = first.path("nextCursor");
        post(owner, id, "arrived while paging");
        while (cursor != null) {
            var page = as(owner).queryParam("limit", 2).queryParam("cursor", cursor)
                    .get("/api/communities/" + id + "/posts").then().statusCode(200).extract();
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        }
        Collections.reverse(created);
        assertEquals(created, seen);
    }

    @Test
    void aRetriedPostWithTheSameIdempotencyKeyPublishesOnce() {
        String owner = Tokens.newUserId("owner");
        String id = createCommunity(owner, "PUBLIC");
        try (KafkaProbe probe = KafkaProbe.on(Topics.COMMUNITY_POSTS)) {
            String first = as(owner).header("Idempotency-Key", "k-1").body("{\"text\":\"once\"}")
                    .post("/api/communities/" + id + "/posts").then().statusCode(201).extract().path("id");
            as(owner).header("Idempotency-Key", "k-1").body("{\"text\":\"once\"}")
                    .post("/api/communities/" + id + "/posts").then().statusCode(201).body("id", equalTo(first));
            as(owner).header("Idempotency-Key", "k-2").body("{\"text\":\"twice\"}")
                    .post("/api/communities/" + id + "/posts").then().statusCode(201);
            probe.await(PostPublished.TYPE, id);
            assertEquals(2, probe.all(e -> PostPublished.TYPE.equals(e.type()) && e.key().equals(id),
                    Duration.ofSeconds(1)).size());
        }
        as(owner).get("/api/communities/" + id + "/posts").then().body("items", hasSize(2))
                .body("items.text", hasItem("once"));
        as(owner).header("Idempotency-Key", "x".repeat(201)).body("{\"text\":\"too long key\"}")
                .post("/api/communities/" + id + "/posts").then().statusCode(400);
    }

    @Test
    void membersOfAnArchivedCommunityCannotPost() {
        String owner = Tokens.newUserId("owner");
        String member = Tokens.newUserId("member");
        String id = createCommunity(owner, "PUBLIC");
        member(owner, member, id);
        as(owner).delete("/api/communities/" + id).then().statusCode(204);
        as(member).body("{\"text\":\"anyone?\"}").post("/api/communities/" + id + "/posts").then().statusCode(409);
    }

    @Test
    void concurrentLikesCountExactly() throws Exception {
        String owner = Tokens.newUserId("owner");
        String id = createCommunity(owner, "PUBLIC");
        String postId = post(owner, id, "like me");
        List<String> fans = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String fan = Tokens.newUserId("fan");
            join(fan, id).statusCode(201);
            fans.add(fan);
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> likes = new ArrayList<>();
            for (String fan : fans) {
                // Each fan likes twice at once: the repeat must not count.
                for (int i = 0; i < 2; i++) {
                    likes.add(() -> as(fan).body("{\"type\":\"LIKE\"}").put("/api/posts/" + postId + "/reactions/me")
                            .then().extract().statusCode());
                }
            }
            for (Future<Integer> status : pool.invokeAll(likes)) {
                assertEquals(200, status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        as(owner).get("/api/posts/" + postId).then().body("likeCount", equalTo(40));
    }
}
