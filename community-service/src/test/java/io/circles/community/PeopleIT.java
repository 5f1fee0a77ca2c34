package io.circles.community;

import static io.circles.community.Fixtures.as;
import static io.circles.community.Fixtures.createCommunity;
import static io.circles.community.Fixtures.join;
import static io.circles.community.Fixtures.member;
import static io.circles.community.Fixtures.post;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import io.circles.events.Topics;
import io.circles.events.people.PersonBlocked;
import io.circles.events.people.PersonUnblocked;
import io.circles.events.people.ProfileUpdated;
import io.circles.platform.consistency.ReadYourWrites;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.ReceivedEvent;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "community"))
class PeopleIT {

    @Test
    void aProfileDefaultsToTheIdAndASaveIsTrimmedStoredAsTextAndPublished() {
        String ada = Tokens.newUserId("ada");
        as(ada).get("/api/people/me").then().statusCode(200).body("id", equalTo(ada))
                .body("displayName", equalTo(ada)).body("interests", empty()).body("avatarUrl", nullValue());

        try (KafkaProbe probe = KafkaProbe.on(Topics.PEOPLE_EVENTS)) {
            as(ada).body("{\"displayName\":\"  <b>Ada</b> 小明 \",\"bio\":\"<script>alert(1)</script>\","
                    + "\"city\":\"Hangzhou\",\"interests\":[\"coffee\",\"hiking\"],\"unknownField\":1}")
                    .put("/api/people/me").then().statusCode(200).body("displayName", equalTo("<b>Ada</b> 小明"));

            ReceivedEvent updated = probe.await(ProfileUpdated.TYPE, ada).assertMatchesSchema();
            assertEquals("<b>Ada</b> 小明", updated.json().get("displayName").asText());
            assertEquals("Hangzhou", updated.json().get("city").asText());
            assertEquals("hiking", updated.json().get("interests").get(1).asText());

            // Only the bio changes: nothing a card shows, so nothing is published.
            as(ada).body("{\"displayName\":\"<b>Ada</b> 小明\",\"bio\":\"new bio\",\"city\":\"Hangzhou\","
                    + "\"interests\":[\"coffee\",\"hiking\"]}").put("/api/people/me").then().statusCode(200);
            assertEquals(1, probe.all(e -> ProfileUpdated.TYPE.equals(e.type()) && ada.equals(e.key()),
                    Duration.ofSeconds(2)).size(), "a bio-only change publishes nothing");
        }
        as(ada).get("/api/people/me").then().statusCode(200).body("bio", equalTo("new bio"))
                .body("interests", contains("coffee", "hiking"));
        as(Tokens.newUserId("bob")).get("/api/people/" + ada).then().statusCode(200)
                .body("displayName", equalTo("<b>Ada</b> 小明")).body("communityCount", equalTo(0));
    }

    @Test
    void badProfilesAreRefusedWithTheFieldAndChangeNothing() {
        String cy = Tokens.newUserId("cy");
        Map<String, String> bad = Map.of(
                "{\"displayName\":\"\"}", "displayName",
                "{\"displayName\":\"     \"}", "displayName",
                "{\"displayName\":\"" + "x".repeat(41) + "\"}", "displayName",
                "{\"displayName\":\"a\\u0007b\"}", "displayName",
                "{\"bio\":\"no name\"}", "displayName",
                "{\"displayName\":\"Cy\",\"bio\":\"" + "b".repeat(301) + "\"}", "bio",
                "{\"displayName\":\"Cy\",\"interests\":[\"knitting-goats\"]}", "interests[0]",
                "{\"displayName\":\"Cy\",\"avatarMediaId\":\"m-1\"}", "avatarMediaId");
        bad.forEach((body, field) -> as(cy).body(body).put("/api/people/me").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem(field)));
        as(cy).get("/api/people/me").then().statusCode(200).body("displayName", equalTo(cy));
    }

    @Test
    void aNameSetLaterShowsOnOlderPostsCommentsMembersAndJoinRequests() {
        String owner = Tokens.newUserId("owner");
        String dee = Tokens.newUserId("dee");
        String community = createCommunity(owner, "PUBLIC");
        member(owner, dee, community);
        String postId = post(dee, community, "Old post");
        as(dee).body("{\"text\":\"Old comment\"}").post("/api/posts/" + postId + "/comments").then().statusCode(201)
                .body("authorProfile.displayName", equalTo(dee));
        String privateOne = createCommunity(owner, "PRIVATE");
        join(dee, privateOne).statusCode(201);

        as(dee).body("{\"displayName\":\"Dee Walker\"}").put("/api/people/me").then().statusCode(200);

        as(owner).get("/api/communities/" + community + "/posts").then().statusCode(200)
                .body("items[0].authorId", equalTo(dee))
                .body("items[0].authorProfile.displayName", equalTo("Dee Walker"));
        as(owner).get("/api/posts/" + postId).then().body("authorProfile.displayName", equalTo("Dee Walker"));
        as(owner).get("/api/posts/" + postId + "/comments").then()
                .body("items[0].authorProfile.displayName", equalTo("Dee Walker"));
        as(owner).get("/api/communities/" + community + "/members").then()
                .body("items.find { it.userId == '" + dee + "' }.authorProfile.displayName", equalTo("Dee Walker"))
                .body("items.find { it.userId == '" + owner + "' }.authorProfile.displayName", equalTo(owner));
        as(owner).get("/api/communities/" + privateOne + "/join-requests").then()
                .body("items[0].authorProfile.displayName", equalTo("Dee Walker"));
        as(dee).body("{\"text\":\"New post\"}").post("/api/communities/" + community + "/posts").then()
                .statusCode(201).body("authorProfile.displayName", equalTo("Dee Walker"));
    }

    @Test
    void aPrivateCommunityCountsOnlyForThoseWhoMaySeeIt() {
        String owner = Tokens.newUserId("owner");
        String eve = Tokens.newUserId("eve");
        String insider = Tokens.newUserId("insider");
        String open = createCommunity(owner, "PUBLIC");
        String closed = createCommunity(owner, "PRIVATE");
        member(owner, eve, open);
        member(owner, eve, closed);
        member(owner, insider, closed);

        as(Tokens.newUserId("outsider")).get("/api/people/" + eve).then().statusCode(200)
                .body("communityCount", equalTo(1));
        as(insider).get("/api/people/" + eve).then().body("communityCount", equalTo(2));
        as(eve).get("/api/people/" + eve).then().body("communityCount", equalTo(2));
    }

    @Test
    void aBlockedAuthorVanishesForTheBlockerOnlyAndCannotCommentOrReactOnTheBlockersPosts() {
        String owner = Tokens.newUserId("owner");
        String fay = Tokens.newUserId("fay");
        String troll = Tokens.newUserId("troll");
        String other = Tokens.newUserId("other");
        String community = createCommunity(owner, "PUBLIC");
        member(owner, fay, community);
        member(owner, troll, community);
        member(owner, other, community);
        String faysPost = post(fay, community, "Fay's post");
        String trollsPost = post(troll, community, "Troll's post");
        as(troll).body("{\"text\":\"troll comment\"}").post("/api/posts/" + faysPost + "/comments")
                .then().statusCode(201);

        try (KafkaProbe probe = KafkaProbe.on(Topics.PEOPLE_EVENTS)) {
            // answered with the cookie that makes Fay's next feed reads wait for feed-service to apply the block
            Cookie recent = as(fay).put("/api/people/me/blocks/" + troll).then().statusCode(204)
                    .extract().detailedCookie(ReadYourWrites.RECENT_WRITE_COOKIE);
            assertEquals(Topics.PEOPLE_EVENTS, recent.getValue());
            assertEquals("/api/feeds", recent.getPath());
            assertEquals(5, recent.getMaxAge());
            assertTrue(recent.isHttpOnly());
            as(fay).put("/api/people/me/blocks/" + troll).then().statusCode(204);
            ReceivedEvent blocked = probe.await(PersonBlocked.TYPE, fay).assertMatchesSchema();
            assertEquals(Map.of("blockerId", fay, "blockedId", troll), Map.of(
                    "blockerId", blocked.json().get("blockerId").asText(),
                    "blockedId", blocked.json().get("blockedId").asText()));
            assertEquals(2, blocked.json().size(), "a block event carries only the two ids");
            assertEquals(1, probe.all(e -> PersonBlocked.TYPE.equals(e.type()) && fay.equals(e.key()),
                    Duration.ofSeconds(2)).size(), "a repeated block publishes nothing");
        }

        as(fay).get("/api/communities/" + community + "/posts").then().statusCode(200)
                .body("items.id", not(hasItem(trollsPost))).body("items.id", hasItem(faysPost));
        as(fay).get("/api/posts/" + faysPost + "/comments").then().body("items", empty());
        as(other).get("/api/communities/" + community + "/posts").then().body("items.id", hasItem(trollsPost));
        as(other).get("/api/posts/" + faysPost + "/comments").then().body("items.authorId", contains(troll));

        as(troll).body("{\"text\":\"again\"}").post("/api/posts/" + faysPost + "/comments").then().statusCode(403);
        as(troll).body("{\"type\":\"LIKE\"}").put("/api/posts/" + faysPost + "/reactions/me").then().statusCode(403);
        as(other).body("{\"type\":\"LIKE\"}").put("/api/posts/" + faysPost + "/reactions/me").then().statusCode(200);
        // The block is one way: Fay may still answer the troll.
        as(fay).body("{\"text\":\"bye\"}").post("/api/posts/" + trollsPost + "/comments").then().statusCode(201);
        as(fay).get("/api/people/me/blocks").then().statusCode(200).body("items.userId", contains(troll));
        as(troll).get("/api/people/me/blocks").then().body("items", empty());
        as(fay).put("/api/people/me/blocks/" + fay).then().statusCode(400).body("errors.field", hasItem("userId"));

        try (KafkaProbe probe = KafkaProbe.on(Topics.PEOPLE_EVENTS)) {
            as(fay).delete("/api/people/me/blocks/" + troll).then().statusCode(204)
                    .cookie(ReadYourWrites.RECENT_WRITE_COOKIE, Topics.PEOPLE_EVENTS);
            probe.await(PersonUnblocked.TYPE, fay).assertMatchesSchema();
        }
        as(fay).get("/api/communities/" + community + "/posts").then().body("items.id", hasItem(trollsPost));
        as(troll).body("{\"type\":\"LIKE\"}").put("/api/posts/" + faysPost + "/reactions/me").then().statusCode(200);
        as(fay).get("/api/people/me/blocks").then().body("items", empty());
    }
}
