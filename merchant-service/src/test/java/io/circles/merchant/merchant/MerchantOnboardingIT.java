package io.circles.merchant.merchant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.circles.events.Topics;
import io.circles.events.merchant.MerchantApproved;
import io.circles.events.merchant.MerchantOnboarded;
import io.circles.events.merchant.MerchantSuspended;
import io.circles.merchant.Fixtures;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.ReceivedEvent;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "merchant"))
class MerchantOnboardingIT {

    @Test
    void aLowRiskMerchantWithAValidLicenceIsActiveAtOnceAndOwnedByTheCaller() {
        String alice = Tokens.newUserId("alice");
        try (KafkaProbe probe = KafkaProbe.on(Topics.MERCHANT_EVENTS)) {
            String id = given().auth().oauth2(Tokens.forUser(alice)).contentType(ContentType.JSON)
                    .body(Fixtures.merchantJson("Bean There", "cafe", "Hangzhou", Fixtures.newLicence()))
                    .when().post("/api/merchants")
                    .then().statusCode(201)
                    .header("Location", notNullValue())
                    .body("status", equalTo("ACTIVE"))
                    .body("ownerId", equalTo(alice))
                    .extract().path("id");

            ReceivedEvent onboarded = probe.await(MerchantOnboarded.TYPE, id).assertMatchesSchema();
            assertEquals(alice, onboarded.json().get("ownerId").asText());
            assertEquals("ACTIVE", onboarded.json().get("status").asText());
            assertEquals("/merchant-service", onboarded.source());

            given().auth().oauth2(Tokens.forUser(Tokens.newUserId("bob")))
                    .when().get("/api/merchants/" + id)
                    .then().statusCode(200)
                    .body("followerCount", equalTo(0))
                    .body("postCount", equalTo(0))
                    .body("licenseNumber", nullValue());
        }
    }

    @Test
    void otherCategoriesWaitForReviewUntilAPlatformAdminApproves() {
        String owner = Tokens.newUserId("owner");
        try (KafkaProbe probe = KafkaProbe.on(Topics.MERCHANT_EVENTS)) {
            String id = given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                    .body(Fixtures.merchantJson("Night Owl Bar", "bar", "Hangzhou", Fixtures.newLicence()))
                    .when().post("/api/merchants")
                    .then().statusCode(201).body("status", equalTo("PENDING_REVIEW"))
                    .extract().path("id");
            probe.await(MerchantOnboarded.TYPE, id).assertMatchesSchema();

            given().auth().oauth2(Tokens.forUser(Tokens.newUserId("stranger")))
                    .when().get("/api/merchants/" + id).then().statusCode(404);
            given().auth().oauth2(Tokens.forUser(owner))
                    .when().post("/api/merchants/" + id + "/approve")
                    .then().statusCode(403).contentType("application/problem+json");
            given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                    .body("{\"text\":\"hello\"}")
                    .when().post("/api/merchants/" + id + "/posts")
                    .then().statusCode(409).contentType("application/problem+json");

            given().auth().oauth2(Fixtures.adminToken())
                    .when().post("/api/merchants/" + id + "/approve")
                    .then().statusCode(200).body("status", equalTo("ACTIVE"));
            given().auth().oauth2(Fixtures.adminToken())
                    .when().post("/api/merchants/" + id + "/approve")
                    .then().statusCode(200).body("status", equalTo("ACTIVE"));

            ReceivedEvent approved = probe.await(MerchantApproved.TYPE, id).assertMatchesSchema();
            assertEquals(Fixtures.ADMIN, approved.json().get("approvedBy").asText());
            assertEquals(1, probe.all(e -> MerchantApproved.TYPE.equals(e.type()) && id.equals(e.key()),
                    Duration.ofSeconds(2)).size(), "approving twice emits once");
            given().auth().oauth2(Tokens.forUser(Tokens.newUserId("stranger")))
                    .when().get("/api/merchants/" + id).then().statusCode(200);
        }
    }

    @Test
    void aPlatformAdminSuspendsAMerchantWhichThenDisappearsFromPublicView() {
        String owner = Tokens.newUserId("owner");
        String id = Fixtures.activeMerchant(owner);
        try (KafkaProbe probe = KafkaProbe.on(Topics.MERCHANT_EVENTS)) {
            given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                    .body("{\"reason\":\"self-suspension\"}")
                    .when().post("/api/merchants/" + id + "/suspend")
                    .then().statusCode(403);
            given().auth().oauth2(Fixtures.adminToken()).contentType(ContentType.JSON)
                    .body("{\"reason\":\"counterfeit goods\"}")
                    .when().post("/api/merchants/" + id + "/suspend")
                    .then().statusCode(200).body("status", equalTo("SUSPENDED"));

            ReceivedEvent suspended = probe.await(MerchantSuspended.TYPE, id).assertMatchesSchema();
            assertEquals("counterfeit goods", suspended.json().get("reason").asText());
        }
        given().auth().oauth2(Tokens.forUser(Tokens.newUserId("stranger")))
                .when().get("/api/merchants/" + id).then().statusCode(404);
        given().auth().oauth2(Tokens.forUser(owner))
                .when().get("/api/merchants/" + id).then().statusCode(200).body("status", equalTo("SUSPENDED"));
        given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                .body("{\"text\":\"still here\"}")
                .when().post("/api/merchants/" + id + "/posts")
                .then().statusCode(409);
    }

    @Test
    void invalidLicencesAreRejectedWithAFieldErrorAndCreateNothing() {
        String eve = Tokens.newUserId("eve");
        String city = "Licence-" + UUID.randomUUID();
        String valid = Fixtures.newLicence();
        String wrongCheck = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');
        for (String licence : List.of(wrongCheck, valid.substring(0, 17), valid + "0", "91350100M000100I43")) {
            given().auth().oauth2(Tokens.forUser(eve)).contentType(ContentType.JSON)
                    .body(Fixtures.merchantJson("Shady Shop", "cafe", city, licence))
                    .when().post("/api/merchants")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("licenseNumber"));
        }
        given().auth().oauth2(Tokens.forUser(eve))
                .when().get("/api/merchants?city=" + city)
                .then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void badInputGetsProblemsNeverServerErrors() {
        String eve = Tokens.newUserId("eve");
        given().auth().oauth2(Tokens.forUser(eve)).contentType(ContentType.JSON)
                .body("{\"name\":\"\",\"category\":\"Cafe Shop\",\"city\":\"Hangzhou\","
                        + "\"location\":{\"lat\":91,\"lon\":120},\"licenseNumber\":\"x\"}")
                .when().post("/api/merchants")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("category"))
                .body("errors.field", hasItem("location.lat"));
        given().auth().oauth2(Tokens.forUser(eve)).contentType(ContentType.JSON)
                .body("{\"name\": 42, ")
                .when().post("/api/merchants")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.forUser(eve)).contentType(ContentType.JSON)
                .body(Fixtures.merchantJson("x".repeat(500), "cafe", "Hangzhou", Fixtures.newLicence()))
                .when().post("/api/merchants")
                .then().statusCode(400).body("errors.field", hasItem("name"));
        given().auth().oauth2(Tokens.forUser(eve))
                .when().get("/api/merchants?limit=0").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(Tokens.forUser(eve))
                .when().get("/api/merchants?limit=101").then().statusCode(400);
        given().auth().oauth2(Tokens.forUser(eve))
                .when().get("/api/merchants?cursor=%%%garbage").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        given().auth().oauth2(Tokens.forUser(eve))
                .when().get("/api/merchants/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void anonymousCallsAreRejected() {
        given().contentType(ContentType.JSON)
                .body(Fixtures.merchantJson("Bean There", "cafe", "Hangzhou", Fixtures.newLicence()))
                .when().post("/api/merchants")
                .then().statusCode(401).contentType("application/problem+json");
        given().when().get("/api/merchants").then().statusCode(401);
        given().when().post("/api/merchants/" + UUID.randomUUID() + "/approve").then().statusCode(401);
    }

    @Test
    void oneMerchantPerLicenceEvenUnderTwentyConcurrentAttempts() throws Exception {
        String licence = Fixtures.newLicence();
        String name = "Racer " + UUID.randomUUID();
        int attempts = 20;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch start = new CountDownLatch(1);
        try (KafkaProbe probe = KafkaProbe.on(Topics.MERCHANT_EVENTS)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                String user = Tokens.newUserId("racer");
                results.add(pool.submit(() -> {
                    start.await();
                    return given().auth().oauth2(Tokens.forUser(user)).contentType(ContentType.JSON)
                            .body(Fixtures.merchantJson(name, "bakery", "Hangzhou", licence))
                            .when().post("/api/merchants")
                            .then().extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses::toString);
            assertEquals(attempts - 1, statuses.stream().filter(s -> s == 409).count(), statuses::toString);
            assertEquals(1, probe.all(e -> MerchantOnboarded.TYPE.equals(e.type())
                    && e.value().contains("\"name\":\"" + name + "\""), Duration.ofSeconds(3)).size(),
                    "only the winner is onboarded");
        } finally {
            pool.shutdownNow();
        }
        given().auth().oauth2(Tokens.forUser(Tokens.newUserId("late"))).contentType(ContentType.JSON)
                .body(Fixtures.merchantJson("Late", "cafe", "Hangzhou", licence.toLowerCase()))
                .when().post("/api/merchants")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheFirstResponse() {
        String alice = Tokens.newUserId("alice");
        String key = UUID.randomUUID().toString();
        String body = Fixtures.merchantJson("Once Only", "florist", "Suzhou", Fixtures.newLicence());
        try (KafkaProbe probe = KafkaProbe.on(Topics.MERCHANT_EVENTS)) {
            Response first = given().auth().oauth2(Tokens.forUser(alice)).contentType(ContentType.JSON)
                    .header("Idempotency-Key", key).body(body)
                    .when().post("/api/merchants");
            first.then().statusCode(201);
            Response retry = given().auth().oauth2(Tokens.forUser(alice)).contentType(ContentType.JSON)
                    .header("Idempotency-Key", key).body(body)
                    .when().post("/api/merchants");
            retry.then().statusCode(201).header("Location", first.header("Location"));
            assertEquals(first.jsonPath().getString("id"), retry.jsonPath().getString("id"));

            given().auth().oauth2(Tokens.forUser(alice)).contentType(ContentType.JSON)
                    .header("Idempotency-Key", key)
                    .body(Fixtures.merchantJson("Something Else", "florist", "Suzhou", Fixtures.newLicence()))
                    .when().post("/api/merchants")
                    .then().statusCode(422).contentType("application/problem+json");

            String id = first.jsonPath().getString("id");
            assertEquals(1, probe.all(e -> MerchantOnboarded.TYPE.equals(e.type()) && id.equals(e.key()),
                    Duration.ofSeconds(2)).size());
        }
    }

    @Test
    void concurrentRetriesWithOneIdempotencyKeyCreateOneMerchant() throws Exception {
        String alice = Tokens.newUserId("alice");
        String key = UUID.randomUUID().toString();
        String body = Fixtures.merchantJson("Retry Storm", "cafe", "Ningbo", Fixtures.newLicence());
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> results = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return given().auth().oauth2(Tokens.forUser(alice)).contentType(ContentType.JSON)
                            .header("Idempotency-Key", key).body(body)
                            .when().post("/api/merchants");
                }));
            }
            start.countDown();
            Set<String> ids = new HashSet<>();
            for (Future<Response> result : results) {
                Response response = result.get();
                assertEquals(201, response.statusCode(), response::asString);
                ids.add(response.jsonPath().getString("id"));
            }
            assertEquals(1, ids.size(), "every retry sees the first response");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void searchFiltersByCityCategoryAndTextAndPagesWithoutRepeats() {
        String city = "City-" + UUID.randomUUID().toString().substring(0, 8);
        String owner = Tokens.newUserId("owner");
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                    .body(Fixtures.merchantJson("Bakery No " + i, "bakery", city, Fixtures.newLicence()))
                    .when().post("/api/merchants").then().statusCode(201).extract().path("id"));
        }
        given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                .body(Fixtures.merchantJson("Corner Books", "bookstore", city, Fixtures.newLicence()))
                .when().post("/api/merchants").then().statusCode(201);
        given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                .body(Fixtures.merchantJson("Pending Bar", "bar", city, Fixtures.newLicence()))
                .when().post("/api/merchants").then().statusCode(201);

        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(Tokens.forUser(Tokens.newUserId("reader")))
                    .queryParam("city", city.toUpperCase()).queryParam("category", "bakery").queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.when().get("/api/merchants");
            page.then().statusCode(200).body("items.category", everyItem(equalTo("bakery")));
            for (String id : page.jsonPath().getList("items.id", String.class)) {
                assertTrue(seen.add(id), "no repeats across pages");
            }
            cursor = page.jsonPath().getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(created, seen);

        given().auth().oauth2(Tokens.forUser(owner))
                .queryParams(Map.of("city", city, "q", "corner"))
                .when().get("/api/merchants")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].name", equalTo("Corner Books"));
        given().auth().oauth2(Tokens.forUser(owner))
                .queryParams(Map.of("city", city))
                .when().get("/api/merchants")
                .then().statusCode(200).body("items", hasSize(6))
                .body("items.name", not(hasItem("Pending Bar")));
    }
}
