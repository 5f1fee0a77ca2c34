package io.circles.event;

import static io.circles.event.Scenario.activity;
import static io.circles.event.Scenario.activityJson;
import static io.circles.event.Scenario.community;
import static io.circles.event.Scenario.getActivity;
import static io.circles.event.Scenario.inDays;
import static io.circles.event.Scenario.join;
import static io.circles.event.Scenario.joinAll;
import static io.circles.event.Scenario.postActivity;
import static io.circles.event.Scenario.promote;
import static io.circles.event.Scenario.rsvp;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.circles.events.Topics;
import io.circles.events.activity.ActivityCancelled;
import io.circles.events.activity.ActivityScheduled;
import io.circles.events.activity.ActivityUpdated;
import io.circles.events.activity.RsvpChanged;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.ReceivedEvent;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "event"))
class ActivityIT {

    @Test
    void aMemberSchedulesAnActivityAndIsGoingAsItsOrganizer() {
        String owner = Tokens.newUserId("owner");
        String community = community(owner, "PUBLIC");
        try (KafkaProbe probe = KafkaProbe.on(Topics.ACTIVITY_EVENTS)) {
            String id = postActivity(owner, activityJson(community, 12, inDays(5))).statusCode(201)
                    .header("Location", notNullValue()).extract().path("id");
            getActivity(owner, id).statusCode(200)
                    .body("communityId", equalTo(community)).body("organizerId", equalTo(owner))
                    .body("status", equalTo("SCHEDULED")).body("capacity", equalTo(12))
                    .body("goingCount", equalTo(1)).body("waitlistCount", equalTo(0))
                    .body("venue.name", equalTo("Roastery")).body("rsvp.status", equalTo("GOING"))
                    .body("rsvpClosesAt", notNullValue());

            ReceivedEvent scheduled = probe.await(ActivityScheduled.TYPE, id).assertMatchesSchema();
            assertEquals(owner, scheduled.json().get("organizerId").asText());
            assertEquals("/event-service", scheduled.source());
            assertEquals(id, scheduled.subject());
            ReceivedEvent organizerGoing = probe.await(RsvpChanged.TYPE, id).assertMatchesSchema();
            assertEquals("GOING", organizerGoing.json().get("status").asText());
        }
    }

    @Test
    void invalidActivitiesGetProblemsWithFieldErrorsAndCreateNothing() {
        String owner = Tokens.newUserId("owner");
        String community = community(owner, "PUBLIC");
        Instant past = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        postActivity(owner, activityJson(community, 10, past)).statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("startsAt"));
        postActivity(owner, activityJson(community, 0, inDays(3))).statusCode(400)
                .body("errors.field", hasItem("capacity"));
        postActivity(owner, activityJson(community, 10_001, inDays(3))).statusCode(400)
                .body("errors.field", hasItem("capacity"));
        Instant start = inDays(3);
        postActivity(owner, activityJson(community, 10, start).replace(
                "\"endsAt\":\"" + start.plus(2, ChronoUnit.HOURS), "\"endsAt\":\"" + start.minusSeconds(60)))
                .statusCode(400).body("errors.field", hasItem("endsAt"));
        postActivity(owner, activityJson(community, 10, start).replace("\"capacity\"",
                "\"rsvpClosesAt\":\"" + start.plus(1, ChronoUnit.HOURS) + "\",\"capacity\""))
                .statusCode(400).body("errors.field", hasItem("rsvpClosesAt"));
        postActivity(owner, activityJson(community, 10, start).replace("\"lat\":30.26", "\"lat\":91"))
                .statusCode(400).body("errors.field", hasItem("venue.lat"));
        postActivity(owner, activityJson(community, 10, start).replace("Morning cupping", "x".repeat(500)))
                .statusCode(400).body("errors.field", hasItem("title"));
        postActivity(owner, "{\"communityId\":").statusCode(400).contentType("application/problem+json");
        postActivity(owner, activityJson(community, 10, start).replace(start.toString(), "next tuesday"))
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.forUser(owner)).queryParam("communityId", community)
                .get("/api/activities").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void onlyMembersScheduleAndPrivateActivitiesAreHiddenFromOutsiders() {
        String owner = Tokens.newUserId("owner");
        String outsider = Tokens.newUserId("outsider");
        String publicCommunity = community(owner, "PUBLIC");
        String privateCommunity = community(owner, "PRIVATE");
        postActivity(outsider, activityJson(publicCommunity, 5, inDays(3))).statusCode(403)
                .contentType("application/problem+json");
        postActivity(outsider, activityJson(privateCommunity, 5, inDays(3))).statusCode(404);
        postActivity(outsider, activityJson("no-such-community", 5, inDays(3))).statusCode(404);

        String publicActivity = activity(owner, publicCommunity, 5);
        String privateActivity = activity(owner, privateCommunity, 5);
        getActivity(outsider, publicActivity).statusCode(200).body("rsvp", nullValue());
        getActivity(outsider, privateActivity).statusCode(404).contentType("application/problem+json");
        rsvp(outsider, privateActivity, 0).statusCode(404);
    }

    @Test
    void theOrganizerAndModeratorsEditRaisingCapacityPromotesTheWaitlist() {
        String owner = Tokens.newUserId("owner");
        String organizer = Tokens.newUserId("organizer");
        String moderator = Tokens.newUserId("moderator");
        String member = Tokens.newUserId("member");
        String waiting = Tokens.newUserId("waiting");
        String community = community(owner, "PUBLIC");
        joinAll(community, List.of(organizer, moderator, member, waiting));
        promote(community, moderator, "MODERATOR");
        String id = activity(organizer, community, 2);
        rsvp(member, id, 0).body("status", equalTo("GOING"));
        rsvp(waiting, id, 0).body("status", equalTo("WAITLISTED"));

        patch(member, id, "{\"title\":\"Mine now\"}").statusCode(403).contentType("application/problem+json");
        patch(organizer, id, "{\"capacity\":1}").statusCode(409).contentType("application/problem+json");
        patch(organizer, id, "{\"title\":\"   \"}").statusCode(400).body("errors.field", hasItem("title"));
        try (KafkaProbe probe = KafkaProbe.on(Topics.ACTIVITY_EVENTS)) {
            patch(moderator, id, "{\"capacity\":3,\"title\":\"Bigger cupping\"}").statusCode(200)
                    .body("capacity", equalTo(3)).body("title", equalTo("Bigger cupping"))
                    .body("goingCount", equalTo(3)).body("waitlistCount", equalTo(0));
            ReceivedEvent updated = probe.await(ActivityUpdated.TYPE, id).assertMatchesSchema();
            assertEquals(moderator, updated.json().get("updatedBy").asText());
            ReceivedEvent promoted = probe.await(event -> RsvpChanged.TYPE.equals(event.type())
                    && id.equals(event.key()) && "PROMOTED".equals(event.json().get("status").asText()),
                    Duration.ofSeconds(15));
            assertEquals(waiting, promoted.json().get("userId").asText());

            patch(organizer, id, "{\"title\":\"Bigger cupping\"}").statusCode(200);
            assertEquals(1, probe.all(event -> ActivityUpdated.TYPE.equals(event.type()) && id.equals(event.key()),
                    Duration.ofSeconds(2)).size(), "an edit that changes nothing emits nothing");
        }
        getActivity(waiting, id).body("rsvp.status", equalTo("GOING"));
    }

    @Test
    void cancellingNotifiesEveryoneAndClosesRsvps() {
        String owner = Tokens.newUserId("owner");
        String organizer = Tokens.newUserId("organizer");
        String member = Tokens.newUserId("member");
        String community = community(owner, "PUBLIC");
        joinAll(community, List.of(organizer, member));
        String id = activity(organizer, community, 5);
        given().auth().oauth2(Tokens.forUser(member)).post("/api/activities/" + id + "/cancel")
                .then().statusCode(403);
        try (KafkaProbe probe = KafkaProbe.on(Topics.ACTIVITY_EVENTS)) {
            given().auth().oauth2(Tokens.forUser(owner)).post("/api/activities/" + id + "/cancel")
                    .then().statusCode(200).body("status", equalTo("CANCELLED"));
            given().auth().oauth2(Tokens.forUser(owner)).post("/api/activities/" + id + "/cancel")
                    .then().statusCode(200).body("status", equalTo("CANCELLED"));
            ReceivedEvent cancelled = probe.await(ActivityCancelled.TYPE, id).assertMatchesSchema();
            assertEquals(owner, cancelled.json().get("cancelledBy").asText());
            assertEquals(1, probe.all(event -> ActivityCancelled.TYPE.equals(event.type())
                    && id.equals(event.key()), Duration.ofSeconds(2)).size());
        }
        rsvp(member, id, 0).statusCode(409);
        patch(organizer, id, "{\"capacity\":9}").statusCode(409);
        given().auth().oauth2(Tokens.forUser(member)).queryParam("communityId", community)
                .get("/api/activities").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheFirstActivity() {
        String owner = Tokens.newUserId("owner");
        String community = community(owner, "PUBLIC");
        String json = activityJson(community, 5, inDays(4));
        String first = createWithKey(owner, "key-1", json).statusCode(201).extract().path("id");
        String retry = createWithKey(owner, "key-1", json).statusCode(201).extract().path("id");
        assertEquals(first, retry);
        String other = createWithKey(owner, "key-2", json).statusCode(201).extract().path("id");
        assertTrue(!first.equals(other));
        given().auth().oauth2(Tokens.forUser(owner)).queryParam("communityId", community)
                .get("/api/activities").then().statusCode(200).body("items.size()", equalTo(2));
    }

    @Test
    void aBannedMemberCanNoLongerScheduleOrRsvp() {
        String owner = Tokens.newUserId("owner");
        String banned = Tokens.newUserId("banned");
        String community = community(owner, "PUBLIC");
        join(community, banned);
        String id = activity(owner, community, 5);
        rsvp(banned, id, 0).statusCode(200);
        Scenario.ban(community, banned);
        // the ban reached event-service: they are no member there, and the seat they held is given back
        assertEquals(0, Scenario.count("select count(*) from community_member where community_id = ? and user_id = ?",
                community, banned));
        await().atMost(Duration.ofSeconds(20)).until(() -> Scenario.count("select count(*) from rsvp"
                + " where activity_id = ? and user_id = ? and status in ('GOING', 'WAITLISTED')", id, banned) == 0);
        postActivity(banned, activityJson(community, 5, inDays(3))).statusCode(403);
        rsvp(banned, id, 0).statusCode(403);
        assertEquals(0, Scenario.count("select count(*) from activity where community_id = ? and organizer_id = ?",
                community, banned), "the refused activity was not created");
        assertEquals(0, Scenario.count("select count(*) from rsvp where activity_id = ? and user_id = ?"
                + " and status in ('GOING', 'WAITLISTED')", id, banned), "the refused RSVP holds no seat");
    }

    private static ValidatableResponse patch(String user, String id, String json) {
        return given().auth().oauth2(Tokens.forUser(user)).contentType(ContentType.JSON).body(json)
                .when().patch("/api/activities/" + id).then();
    }

    private static ValidatableResponse createWithKey(String user, String key, String json) {
        return given().auth().oauth2(Tokens.forUser(user)).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(json).when().post("/api/activities").then();
    }
}
