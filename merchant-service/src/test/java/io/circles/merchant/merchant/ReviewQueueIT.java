package io.circles.merchant.merchant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.circles.events.Topics;
import io.circles.events.merchant.MerchantRejected;
import io.circles.merchant.Fixtures;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.ReceivedEvent;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "merchant"))
class ReviewQueueIT {

    @Test
    void platformAdminsSeeMerchantsUnderReviewOldestFirstAndNobodyElseDoes() {
        String first = pendingMerchant(Tokens.newUserId("owner"));
        String second = pendingMerchant(Tokens.newUserId("owner"));
        String active = Fixtures.activeMerchant(Tokens.newUserId("owner"));

        List<String> queue = queue("PENDING_REVIEW", 2);
        assertTrue(queue.indexOf(first) >= 0 && queue.indexOf(first) < queue.indexOf(second), queue::toString);
        assertTrue(!queue.contains(active), "an ACTIVE merchant is not under review");

        given().auth().oauth2(Tokens.forUser(Tokens.newUserId("curious")))
                .when().get("/api/merchants?status=PENDING_REVIEW")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Fixtures.adminToken())
                .when().get("/api/merchants?status=SLEEPING")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("status"));
    }

    @Test
    void aRejectedMerchantLeavesTheQueueAndItsOwnerIsToldWhy() {
        String owner = Tokens.newUserId("owner");
        String id = pendingMerchant(owner);
        try (KafkaProbe probe = KafkaProbe.on(Topics.MERCHANT_EVENTS)) {
            given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                    .body("{\"reason\":\"I changed my mind\"}")
                    .when().post("/api/merchants/" + id + "/reject")
                    .then().statusCode(403).contentType("application/problem+json");
            for (int i = 0; i < 2; i++) {
                given().auth().oauth2(Fixtures.adminToken()).contentType(ContentType.JSON)
                        .body("{\"reason\":\"licence photo unreadable\"}")
                        .when().post("/api/merchants/" + id + "/reject")
                        .then().statusCode(200).body("status", equalTo("REJECTED"));
            }

            ReceivedEvent rejected = probe.await(MerchantRejected.TYPE, id).assertMatchesSchema();
            assertEquals(owner, rejected.json().get("ownerId").asText());
            assertEquals("licence photo unreadable", rejected.json().get("reason").asText());
            assertEquals(1, probe.all(e -> MerchantRejected.TYPE.equals(e.type()) && id.equals(e.key()),
                    Duration.ofSeconds(2)).size(), "rejecting twice records one rejection");
        }
        assertTrue(!queue("PENDING_REVIEW", 100).contains(id));
        assertTrue(queue("REJECTED", 100).contains(id));
        given().auth().oauth2(Tokens.forUser(Tokens.newUserId("stranger")))
                .when().get("/api/merchants/" + id).then().statusCode(404);
        given().auth().oauth2(Tokens.forUser(owner))
                .when().get("/api/merchants/" + id).then().statusCode(200).body("status", equalTo("REJECTED"));
        given().auth().oauth2(Tokens.forUser(owner))
                .when().get("/api/merchants?category=bar")
                .then().statusCode(200).body("items.id", not(hasItem(id)));
        given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                .body("{\"text\":\"open anyway\"}")
                .when().post("/api/merchants/" + id + "/posts")
                .then().statusCode(409);

        // a later review may still approve it
        given().auth().oauth2(Fixtures.adminToken())
                .when().post("/api/merchants/" + id + "/approve")
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    void onlyAMerchantUnderReviewCanBeRejectedAndOnlyWithAReason() {
        String active = Fixtures.activeMerchant(Tokens.newUserId("owner"));
        given().auth().oauth2(Fixtures.adminToken()).contentType(ContentType.JSON)
                .body("{\"reason\":\"too late\"}")
                .when().post("/api/merchants/" + active + "/reject")
                .then().statusCode(409).contentType("application/problem+json");

        String pending = pendingMerchant(Tokens.newUserId("owner"));
        for (String body : List.of("{}", "{\"reason\":\"  \"}", "{\"reason\":\"" + "x".repeat(501) + "\"}")) {
            given().auth().oauth2(Fixtures.adminToken()).contentType(ContentType.JSON)
                    .body(body)
                    .when().post("/api/merchants/" + pending + "/reject")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        given().auth().oauth2(Fixtures.adminToken()).contentType(ContentType.JSON)
                .body("{\"reason\":\"no such merchant\"}")
                .when().post("/api/merchants/no-such-merchant/reject")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Fixtures.adminToken())
                .when().get("/api/merchants/" + pending)
                .then().statusCode(200).body("status", equalTo("PENDING_REVIEW"));
    }

    private static String pendingMerchant(String owner) {
        return given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                .body(Fixtures.merchantJson("Night Owl Bar", "bar", "Hangzhou", Fixtures.newLicence()))
                .when().post("/api/merchants")
                .then().statusCode(201).body("status", equalTo("PENDING_REVIEW"))
                .extract().path("id");
    }

    /** The whole queue of a status, read page by page as an admin. */
    private static List<String> queue(String status, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = given().auth().oauth2(Fixtures.adminToken())
                    .queryParam("status", status).queryParam("limit", limit)
                    .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
                    .when().get("/api/merchants")
                    .then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }
}
