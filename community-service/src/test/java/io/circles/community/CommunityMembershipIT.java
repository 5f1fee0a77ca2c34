package io.circles.community;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.circles.events.Topics;
import io.circles.events.community.CommunityCreated;
import io.circles.events.community.JoinRequested;
import io.circles.events.community.MemberJoined;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.ReceivedEvent;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "community"))
class CommunityMembershipIT {

    @Test
    void creatingACommunityMakesTheCreatorOwnerAndEmitsCommunityCreated() {
        String alice = Tokens.newUserId("alice");
        try (KafkaProbe probe = KafkaProbe.on(Topics.COMMUNITY_EVENTS)) {
            String id = createCommunity(alice, "PUBLIC");

            given().auth().oauth2(Tokens.forUser(alice))
                    .when().get("/api/communities/" + id)
                    .then().statusCode(200)
                    .body("memberCount", equalTo(1))
                    .body("membership.role", equalTo("OWNER"))
                    .body("interests", hasItem("coffee"));

            ReceivedEvent created = probe.await(CommunityCreated.TYPE, id).assertMatchesSchema();
            assertEquals(alice, created.json().get("ownerId").asText());
            assertEquals("/community-service", created.source());
            assertEquals(id, created.subject());
            UUID.fromString(created.id());
            assertEquals("1.0", created.headers().get("ce_specversion"));
            assertNotNull(Instant.parse(created.time()));
            ReceivedEvent ownerJoined = probe.await(MemberJoined.TYPE, id).assertMatchesSchema();
            assertEquals("OWNER", ownerJoined.json().get("role").asText());
        }
    }

    @Test
    void joiningAPublicCommunityEmitsMemberJoinedOnceEvenWhenRepeated() {
        String owner = Tokens.newUserId("owner");
        String bob = Tokens.newUserId("bob");
        String id = createCommunity(owner, "PUBLIC");
        try (KafkaProbe probe = KafkaProbe.on(Topics.COMMUNITY_EVENTS)) {
            join(bob, id).statusCode(201).body("status", equalTo("MEMBER")).body("role", equalTo("MEMBER"));
            join(bob, id).statusCode(200).body("status", equalTo("MEMBER"));

            ReceivedEvent joined = probe.await(event -> MemberJoined.TYPE.equals(event.type())
                    && bob.equals(event.json().get("userId").asText()), Duration.ofSeconds(10));
            joined.assertMatchesSchema();
            assertEquals(id, joined.key(), "record key is the community id, keeping its events in order");
            assertEquals(id + "/members/" + bob, joined.subject());
            assertEquals(id, joined.json().get("communityId").asText());

            List<ReceivedEvent> all = probe.all(event -> MemberJoined.TYPE.equals(event.type())
                    && bob.equals(event.json().get("userId").asText()), Duration.ofSeconds(2));
            assertEquals(1, all.size(), "a repeated join emits nothing");
        }
        given().auth().oauth2(Tokens.forUser(bob)).get("/api/communities/" + id)
                .then().statusCode(200).body("memberCount", equalTo(2)).body("membership.status", equalTo("MEMBER"));
    }

    @Test
    void joiningAPrivateCommunityCreatesAPendingRequest() {
        String owner = Tokens.newUserId("owner");
        String carol = Tokens.newUserId("carol");
        String id = createCommunity(owner, "PRIVATE");
        try (KafkaProbe probe = KafkaProbe.on(Topics.COMMUNITY_EVENTS)) {
            given().auth().oauth2(Tokens.forUser(carol)).contentType(ContentType.JSON)
                    .body("{\"answer\":\"I roast my own beans\"}")
                    .when().post("/api/communities/" + id + "/members")
                    .then().statusCode(201).body("status", equalTo("PENDING"));

            ReceivedEvent requested = probe.await(JoinRequested.TYPE, id).assertMatchesSchema();
            assertEquals("I roast my own beans", requested.json().get("answer").asText());
            assertTrue(probe.all(event -> MemberJoined.TYPE.equals(event.type())
                    && carol.equals(event.json().get("userId").asText()), Duration.ofSeconds(1)).isEmpty(),
                    "a pending request is not a membership");
        }
        given().auth().oauth2(Tokens.forUser(owner)).get("/api/communities/" + id)
                .then().statusCode(200).body("memberCount", equalTo(1));
    }

    @Test
    void aJoinDuringAKafkaOutageCommitsAndItsEventArrivesOnceKafkaIsBack() {
        String owner = Tokens.newUserId("owner");
        String dave = Tokens.newUserId("dave");
        String id = createCommunity(owner, "PUBLIC");
        try (KafkaProbe probe = KafkaProbe.on(Topics.COMMUNITY_EVENTS)) {
            PlatformTestResource.infrastructure().kafka().stop();
            try {
                join(dave, id).statusCode(201).body("status", equalTo("MEMBER"));
            } finally {
                PlatformTestResource.infrastructure().kafka().restart();
            }

            ReceivedEvent joined = probe.await(event -> MemberJoined.TYPE.equals(event.type())
                    && dave.equals(event.json().get("userId").asText()), Duration.ofSeconds(60));
            joined.assertMatchesSchema();
            List<ReceivedEvent> deliveries = probe.all(event -> MemberJoined.TYPE.equals(event.type())
                    && dave.equals(event.json().get("userId").asText()), Duration.ofSeconds(3));
            Set<String> ids = deliveries.stream().map(ReceivedEvent::id).collect(Collectors.toSet());
            assertEquals(Set.of(joined.id()), ids, "every delivery carries the same ce_id, so consumers see it once");
        }
    }

    @Test
    void invalidCommunityGetsAProblemWithFieldErrorsAndCreatesNothing() {
        String eve = Tokens.newUserId("eve");
        try (KafkaProbe probe = KafkaProbe.on(Topics.COMMUNITY_EVENTS)) {
            given().auth().oauth2(Tokens.forUser(eve)).contentType(ContentType.JSON)
                    .body("{\"name\":\"\",\"interests\":[\"coffee\"],\"city\":\"Hangzhou\","
                            + "\"location\":{\"lat\":91,\"lon\":120},\"visibility\":\"PUBLIC\"}")
                    .when().post("/api/communities")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("errors.field", hasItem("name"))
                    .body("errors.field", hasItem("location.lat"));

            given().auth().oauth2(Tokens.forUser(eve)).contentType(ContentType.JSON)
                    .body(communityJson("PUBLIC").replace("\"coffee\"", "\"knitting-with-cats\""))
                    .when().post("/api/communities")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("interests[0]"))
                    .body("errors[0].message", containsString("unknown interest"));

            given().auth().oauth2(Tokens.forUser(eve)).contentType(ContentType.JSON)
                    .body("{\"name\": 42, \"visibility\": \"SECRET\"")
                    .when().post("/api/communities")
                    .then().statusCode(400).contentType("application/problem+json");

            given().auth().oauth2(Tokens.forUser(eve)).contentType(ContentType.JSON)
                    .body(communityJson("SECRET"))
                    .when().post("/api/communities")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("visibility"));

            assertFalse(probe.all(event -> event.value().contains(eve), Duration.ofSeconds(1)).stream()
                    .findAny().isPresent(), "rejected requests emit nothing");
        }
    }

    @Test
    void requestsWithoutAValidTokenAreRejectedWithAProblem() {
        given().contentType(ContentType.JSON).body(communityJson("PUBLIC"))
                .when().post("/api/communities")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        given().auth().oauth2(Tokens.forUser("mallory") + "x").contentType(ContentType.JSON)
                .body(communityJson("PUBLIC"))
                .when().post("/api/communities")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void joiningAnUnknownCommunityIsNotFound() {
        join(Tokens.newUserId("frank"), UUID.randomUUID().toString())
                .statusCode(404).contentType("application/problem+json").body("detail", notNullValue());
    }

    private static String createCommunity(String owner, String visibility) {
        return given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                .body(communityJson(visibility))
                .when().post("/api/communities")
                .then().statusCode(201).header("Location", notNullValue())
                .extract().path("id");
    }

    private static io.restassured.response.ValidatableResponse join(String user, String communityId) {
        return given().auth().oauth2(Tokens.forUser(user))
                .when().post("/api/communities/" + communityId + "/members")
                .then();
    }

    private static String communityJson(String visibility) {
        return "{\"name\":\"Morning Coffee\",\"description\":\"Pour-over at dawn\",\"interests\":[\"coffee\"],"
                + "\"city\":\"Hangzhou\",\"location\":{\"lat\":30.27,\"lon\":120.15},\"visibility\":\"" + visibility
                + "\",\"joinQuestion\":\"How do you take your coffee?\"}";
    }
}
