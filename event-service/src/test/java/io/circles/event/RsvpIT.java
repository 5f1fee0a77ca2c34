package io.circles.event;

import static io.circles.event.Scenario.activity;
import static io.circles.event.Scenario.cancelRsvp;
import static io.circles.event.Scenario.community;
import static io.circles.event.Scenario.getActivity;
import static io.circles.event.Scenario.join;
import static io.circles.event.Scenario.joinAll;
import static io.circles.event.Scenario.rsvp;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.circles.events.Topics;
import io.circles.events.activity.AttendeeCheckedIn;
import io.circles.events.activity.RsvpChanged;
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
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "event"))
class RsvpIT {

    @Test
    void aMemberWhoseFitsGoesAndTheNextWaitsWithAPosition() {
        String owner = Tokens.newUserId("owner");
        String bob = Tokens.newUserId("bob");
        String carol = Tokens.newUserId("carol");
        String community = community(owner, "PUBLIC");
        join(community, bob);
        join(community, carol);
        String id = activity(owner, community, 3);
        try (KafkaProbe probe = KafkaProbe.on(Topics.ACTIVITY_EVENTS)) {
            rsvp(bob, id, 1).statusCode(200).body("status", equalTo("GOING")).body("guests", equalTo(1))
                    .body("waitlistPosition", nullValue());
            rsvp(carol, id, 0).statusCode(200).body("status", equalTo("WAITLISTED"))
                    .body("waitlistPosition", equalTo(1));

            ReceivedEvent going = probe.await(event -> RsvpChanged.TYPE.equals(event.type())
                    && bob.equals(event.json().get("userId").asText()), Duration.ofSeconds(15)).assertMatchesSchema();
            assertEquals("GOING", going.json().get("status").asText());
            assertEquals(3, going.json().get("goingCount").asInt());
            assertEquals(id, going.key());
            assertEquals(community, going.json().get("communityId").asText());
            assertEquals(1, going.json().get("guests").asInt());
            assertTrue(going.json().get("waitlistPosition").isNull());
            ReceivedEvent waiting = probe.await(event -> RsvpChanged.TYPE.equals(event.type())
                    && carol.equals(event.json().get("userId").asText()), Duration.ofSeconds(15)).assertMatchesSchema();
            assertEquals("WAITLISTED", waiting.json().get("status").asText());
            assertEquals(1, waiting.json().get("waitlistPosition").asInt());
            assertEquals(3, waiting.json().get("goingCount").asInt());
            assertEquals(community, waiting.json().get("communityId").asText());
        }
        getActivity(carol, id).statusCode(200).body("goingCount", equalTo(3)).body("waitlistCount", equalTo(1))
                .body("status", equalTo("SCHEDULED"))
                .body("rsvp.status", equalTo("WAITLISTED")).body("rsvp.waitlistPosition", equalTo(1));
    }

    @Test
    void repeatingTheSameRsvpChangesNothingAndEmitsNothing() {
        String owner = Tokens.newUserId("owner");
        String bob = Tokens.newUserId("bob");
        String community = community(owner, "PUBLIC");
        join(community, bob);
        String id = activity(owner, community, 10);
        try (KafkaProbe probe = KafkaProbe.on(Topics.ACTIVITY_EVENTS)) {
            rsvp(bob, id, 2).statusCode(200).body("status", equalTo("GOING"));
            rsvp(bob, id, 2).statusCode(200).body("status", equalTo("GOING")).body("guests", equalTo(2));
            List<ReceivedEvent> events = probe.all(event -> RsvpChanged.TYPE.equals(event.type())
                    && bob.equals(event.json().get("userId").asText()), Duration.ofSeconds(2));
            assertEquals(1, events.size(), "a repeated PUT emits nothing");
        }
        getActivity(bob, id).body("goingCount", equalTo(4));
    }

    @Test
    void cancellingPromotesTheWaitlistFirstComeFirstServedSkippingPartiesThatDoNotFit() {
        String owner = Tokens.newUserId("owner");
        String a = Tokens.newUserId("a");
        String big = Tokens.newUserId("big");
        String solo = Tokens.newUserId("solo");
        String last = Tokens.newUserId("last");
        String community = community(owner, "PUBLIC");
        joinAll(community, List.of(a, big, solo, last));
        String id = activity(owner, community, 3);
        rsvp(a, id, 1).body("status", equalTo("GOING"));
        rsvp(big, id, 2).body("status", equalTo("WAITLISTED")).body("waitlistPosition", equalTo(1));
        rsvp(solo, id, 0).body("status", equalTo("WAITLISTED")).body("waitlistPosition", equalTo(2));
        rsvp(last, id, 0).body("status", equalTo("WAITLISTED")).body("waitlistPosition", equalTo(3));

        try (KafkaProbe probe = KafkaProbe.on(Topics.ACTIVITY_EVENTS)) {
            cancelRsvp(a, id).statusCode(204);

            ReceivedEvent promoted = probe.await(event -> RsvpChanged.TYPE.equals(event.type())
                    && id.equals(event.key()) && "PROMOTED".equals(event.json().get("status").asText()),
                    Duration.ofSeconds(15))
                    .assertMatchesSchema();
            assertEquals(solo, promoted.json().get("userId").asText(), "the party of 3 does not fit 2 seats");
            List<ReceivedEvent> promotions = probe.all(event -> RsvpChanged.TYPE.equals(event.type())
                    && id.equals(event.key()) && "PROMOTED".equals(event.json().get("status").asText()),
                    Duration.ofSeconds(2));
            assertEquals(List.of(solo, last), promotions.stream().map(e -> e.json().get("userId").asText()).toList());
        }
        getActivity(big, id).body("goingCount", equalTo(3)).body("waitlistCount", equalTo(1))
                .body("rsvp.status", equalTo("WAITLISTED")).body("rsvp.waitlistPosition", equalTo(1));
        getActivity(solo, id).body("rsvp.status", equalTo("GOING"));
        cancelRsvp(a, id).statusCode(204);
    }

    @Test
    void theOrganizerListsAttendeesAndTheWaitlistInOrderAndChecksInOnce() {
        String owner = Tokens.newUserId("owner");
        String bob = Tokens.newUserId("bob");
        String carol = Tokens.newUserId("carol");
        String dave = Tokens.newUserId("dave");
        String community = community(owner, "PUBLIC");
        joinAll(community, List.of(bob, carol, dave));
        String id = activity(owner, community, 2);
        rsvp(bob, id, 0).body("status", equalTo("GOING"));
        rsvp(carol, id, 0).body("status", equalTo("WAITLISTED"));
        rsvp(dave, id, 0).body("status", equalTo("WAITLISTED"));

        given().auth().oauth2(Tokens.forUser(owner)).queryParam("status", "WAITLISTED")
                .when().get("/api/activities/" + id + "/rsvps")
                .then().statusCode(200).body("items.userId", contains(carol, dave))
                .body("items.waitlistPosition", contains(1, 2)).body("nextCursor", nullValue());
        given().auth().oauth2(Tokens.forUser(bob)).when().get("/api/activities/" + id + "/rsvps")
                .then().statusCode(403).contentType("application/problem+json");

        try (KafkaProbe probe = KafkaProbe.on(Topics.ACTIVITY_EVENTS)) {
            checkIn(owner, id, bob).statusCode(201).body("userId", equalTo(bob)).body("checkedInBy", equalTo(owner));
            checkIn(owner, id, bob).statusCode(409).contentType("application/problem+json");
            checkIn(owner, id, carol).statusCode(409);
            checkIn(bob, id, owner).statusCode(403);
            ReceivedEvent checkedIn = probe.await(AttendeeCheckedIn.TYPE, id).assertMatchesSchema();
            assertEquals(bob, checkedIn.json().get("userId").asText());
            assertEquals(1, probe.all(event -> AttendeeCheckedIn.TYPE.equals(event.type())
                    && id.equals(event.key()), Duration.ofSeconds(2)).size());
        }
        getActivity(owner, id).body("checkedInCount", equalTo(1));
    }

    @Test
    void rsvpsAreRefusedOutsideTheWindowAfterCancellationAndForNonMembers() {
        String owner = Tokens.newUserId("owner");
        String bob = Tokens.newUserId("bob");
        String outsider = Tokens.newUserId("outsider");
        String community = community(owner, "PUBLIC");
        join(community, bob);
        Instant start = Scenario.inDays(7);
        String later = Scenario.postActivity(owner, "{\"communityId\":\"" + community + "\",\"title\":\"Later\","
                + "\"startsAt\":\"" + start + "\",\"endsAt\":\"" + start.plus(1, ChronoUnit.HOURS) + "\","
                + "\"venue\":{\"name\":\"Park\",\"lat\":30.2,\"lon\":120.1},\"capacity\":5,"
                + "\"rsvpOpensAt\":\"" + start.minus(2, ChronoUnit.DAYS) + "\"}").statusCode(201).extract().path("id");
        rsvp(bob, later, 0).statusCode(409).contentType("application/problem+json");

        String id = activity(owner, community, 5);
        rsvp(outsider, id, 0).statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.forUser(owner)).post("/api/activities/" + id + "/cancel")
                .then().statusCode(200).body("status", equalTo("CANCELLED"));
        rsvp(bob, id, 0).statusCode(409);
    }

    @Test
    void badRsvpInputGetsAProblem() {
        String owner = Tokens.newUserId("owner");
        String community = community(owner, "PUBLIC");
        String id = activity(owner, community, 5);
        rsvp(owner, id, -1).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("guests"));
        rsvp(owner, id, 11).statusCode(400);
        given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON).body("{\"guests\":\"many\"}")
                .put("/api/activities/" + id + "/rsvps/me").then().statusCode(400)
                .contentType("application/problem+json");
        rsvp(owner, "no-such-activity", 0).statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.forUser(owner)).queryParam("limit", 1000)
                .get("/api/activities/" + id + "/rsvps").then().statusCode(400);
        given().when().put("/api/activities/" + id + "/rsvps/me").then().statusCode(401);
    }

    private static io.restassured.response.ValidatableResponse checkIn(String caller, String id, String user) {
        return given().auth().oauth2(Tokens.forUser(caller)).contentType(ContentType.JSON)
                .body("{\"userId\":\"" + user + "\"}")
                .when().post("/api/activities/" + id + "/check-ins").then();
    }
}
