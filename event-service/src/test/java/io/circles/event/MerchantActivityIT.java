package io.circles.event;

import static io.circles.event.Scenario.activityJson;
import static io.circles.event.Scenario.community;
import static io.circles.event.Scenario.getActivity;
import static io.circles.event.Scenario.inDays;
import static io.circles.event.Scenario.postActivity;
import static io.circles.event.Scenario.rsvp;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.circles.events.Topics;
import io.circles.events.activity.ActivityCancelled;
import io.circles.events.activity.ActivityScheduled;
import io.circles.events.activity.AttendeeCheckedIn;
import io.circles.events.activity.RsvpChanged;
import io.circles.events.merchant.MerchantApproved;
import io.circles.events.merchant.MerchantOnboarded;
import io.circles.events.merchant.MerchantSuspended;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.ReceivedEvent;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Activities hosted by a merchant: its owner schedules and manages them, anyone may come. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "event"))
class MerchantActivityIT {

    @Test
    void theOwnerOfAnActiveMerchantSchedulesAtOnceAfterOnboardingAndAStrangerMayRsvpAndBeCheckedIn() {
        String owner = Tokens.newUserId("owner");
        String stranger = Tokens.newUserId("stranger");
        // No wait for the projection: the schedule request follows the onboarding as a client would.
        String merchant = onboarded(owner, "ACTIVE");
        try (KafkaProbe probe = KafkaProbe.on(Topics.ACTIVITY_EVENTS)) {
            String id = postActivity(owner, merchantActivityJson(merchant, 10, inDays(3))).statusCode(201)
                    .body("merchantId", equalTo(merchant)).body("communityId", nullValue())
                    .extract().path("id");

            ReceivedEvent scheduled = probe.await(ActivityScheduled.TYPE, id).assertMatchesSchema();
            assertEquals(merchant, scheduled.json().get("merchantId").asText());
            assertTrue(scheduled.json().get("communityId").isNull());

            rsvp(stranger, id, 1).statusCode(200).body("status", equalTo("GOING"));
            probe.await(event -> RsvpChanged.TYPE.equals(event.type()) && id.equals(event.key())
                    && stranger.equals(event.json().get("userId").asText()), Duration.ofSeconds(20))
                    .assertMatchesSchema();
            getActivity(stranger, id).statusCode(200).body("goingCount", equalTo(3))
                    .body("rsvp.status", equalTo("GOING")).body("merchantId", equalTo(merchant));

            given().auth().oauth2(Tokens.forUser(stranger)).contentType(ContentType.JSON)
                    .body("{\"userId\":\"" + owner + "\"}")
                    .when().post("/api/activities/" + id + "/check-ins").then().statusCode(403);
            given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                    .body("{\"userId\":\"" + stranger + "\"}")
                    .when().post("/api/activities/" + id + "/check-ins").then().statusCode(201);
            probe.await(AttendeeCheckedIn.TYPE, id).assertMatchesSchema();
            given().auth().oauth2(Tokens.forUser(owner))
                    .when().get("/api/activities/" + id + "/rsvps?status=GOING").then().statusCode(200);
        }
    }

    @Test
    void someoneElseThanTheOwnerIsRefused() {
        String owner = Tokens.newUserId("owner");
        String other = Tokens.newUserId("other");
        String merchant = onboarded(owner, "ACTIVE");

        postActivity(other, merchantActivityJson(merchant, 10, inDays(3))).statusCode(403)
                .contentType("application/problem+json");
        postActivity(owner, merchantActivityJson(UUID.randomUUID().toString(), 10, inDays(3))).statusCode(404)
                .contentType("application/problem+json");
        assertEquals(0, Scenario.count("select count(*) from activity where merchant_id = ?", merchant));
    }

    @Test
    void aMerchantUnderReviewCannotScheduleUntilApproved() {
        String owner = Tokens.newUserId("owner");
        String merchant = onboarded(owner, "PENDING_REVIEW");
        postActivity(owner, merchantActivityJson(merchant, 10, inDays(3))).statusCode(409)
                .contentType("application/problem+json");

        publish(MerchantApproved.TYPE, merchant, "{\"merchantId\":\"" + merchant
                + "\",\"approvedBy\":\"admin\",\"approvedAt\":\"" + Instant.now() + "\"}");
        postActivity(owner, merchantActivityJson(merchant, 10, inDays(3))).statusCode(201);
    }

    @Test
    void exactlyOneHostIsRequired() {
        String owner = Tokens.newUserId("owner");
        String community = community(owner, "PUBLIC");
        String merchant = onboarded(owner, "ACTIVE");
        Instant starts = inDays(3);
        String both = activityJson(community, 10, starts).replace("{\"communityId\"",
                "{\"merchantId\":\"" + merchant + "\",\"communityId\"");
        String neither = activityJson(community, 10, starts).replace("\"communityId\":\"" + community + "\",", "");
        postActivity(owner, both).statusCode(400).contentType("application/problem+json");
        postActivity(owner, neither).statusCode(400).contentType("application/problem+json");
        postActivity(owner, merchantActivityJson(" ", 10, starts)).statusCode(400);
    }

    @Test
    void aMerchantsActivitiesAreListedByMerchantId() {
        String owner = Tokens.newUserId("owner");
        String merchant = onboarded(owner, "ACTIVE");
        String later = postActivity(owner, merchantActivityJson(merchant, 10, inDays(6))).statusCode(201)
                .extract().path("id");
        String sooner = postActivity(owner, merchantActivityJson(merchant, 10, inDays(2))).statusCode(201)
                .extract().path("id");
        String reader = Tokens.newUserId("reader");

        List<String> ids = given().auth().oauth2(Tokens.forUser(reader))
                .when().get("/api/activities?merchantId=" + merchant).then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class);
        assertEquals(List.of(sooner, later), ids);
    }

    @Test
    void suspendingAMerchantCancelsItsUpcomingActivitiesAndTellsEveryone() {
        String owner = Tokens.newUserId("owner");
        String guest = Tokens.newUserId("guest");
        String merchant = onboarded(owner, "ACTIVE");
        String first = postActivity(owner, merchantActivityJson(merchant, 10, inDays(2))).statusCode(201)
                .extract().path("id");
        String second = postActivity(owner, merchantActivityJson(merchant, 10, inDays(4))).statusCode(201)
                .extract().path("id");
        rsvp(guest, first, 0).statusCode(200);

        try (KafkaProbe probe = KafkaProbe.on(Topics.ACTIVITY_EVENTS)) {
            publish(MerchantSuspended.TYPE, merchant, "{\"merchantId\":\"" + merchant
                    + "\",\"suspendedBy\":\"admin\",\"reason\":\"fraud\",\"suspendedAt\":\"" + Instant.now() + "\"}");

            for (String id : List.of(first, second)) {
                ReceivedEvent cancelled = probe.await(ActivityCancelled.TYPE, id).assertMatchesSchema();
                assertEquals(merchant, cancelled.json().get("merchantId").asText());
                assertEquals("admin", cancelled.json().get("cancelledBy").asText());
            }
        }
        getActivity(guest, first).statusCode(200).body("status", equalTo("CANCELLED"));
        rsvp(Tokens.newUserId("late"), second, 0).statusCode(409);
        postActivity(owner, merchantActivityJson(merchant, 10, inDays(3))).statusCode(409);
        assertEquals(List.of(), given().auth().oauth2(Tokens.forUser(guest))
                .when().get("/api/activities?merchantId=" + merchant).then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class));
    }

    /** Publishes merchant-onboarded as merchant-service does before it answers, and returns the merchant's id. */
    private static String onboarded(String owner, String status) {
        String merchant = UUID.randomUUID().toString();
        publish(MerchantOnboarded.TYPE, merchant, "{\"merchantId\":\"" + merchant + "\",\"ownerId\":\"" + owner
                + "\",\"name\":\"Bean There\",\"category\":\"CAFE\",\"city\":\"Hangzhou\",\"lat\":30.26,"
                + "\"lon\":120.16,\"status\":\"" + status + "\",\"onboardedAt\":\"" + Instant.now() + "\"}");
        return merchant;
    }

    private static void publish(String type, String merchant, String payload) {
        Map<String, String> headers = new HashMap<>();
        headers.put("ce_id", UUID.randomUUID().toString());
        headers.put("ce_type", type);
        headers.put("ce_source", "/merchant-service");
        headers.put("ce_subject", merchant);
        headers.put("ce_time", Instant.now().toString());
        headers.put("ce_specversion", "1.0");
        headers.put("content-type", "application/json");
        KafkaProbe.publish(Topics.MERCHANT_EVENTS, merchant, headers, payload);
    }

    private static String merchantActivityJson(String merchantId, int capacity, Instant startsAt) {
        return "{\"merchantId\":\"" + merchantId + "\",\"title\":\"Latte art class\",\"description\":\"Bring a cup\","
                + "\"startsAt\":\"" + startsAt + "\",\"endsAt\":\"" + startsAt.plus(2, ChronoUnit.HOURS)
                + "\",\"venue\":{\"name\":\"Bean There\",\"address\":\"2 West Lake Rd\",\"lat\":30.26,\"lon\":120.16},"
                + "\"capacity\":" + capacity + "}";
    }
}
