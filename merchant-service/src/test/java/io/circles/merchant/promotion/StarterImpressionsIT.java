package io.circles.merchant.promotion;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.circles.events.Topics;
import io.circles.events.content.PromotionExhausted;
import io.circles.events.feed.PromotionImpression;
import io.circles.merchant.Fixtures;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** A new merchant's first promotion serves its starter impressions on top of its budget, counted as exactly. */
@QuarkusTest
@TestProfile(StarterImpressionsIT.FiveStarterImpressions.class)
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "merchant"))
class StarterImpressionsIT {

    private static final int STARTER = 5;

    /** Starter impressions on, few enough to use them up in a test. */
    public static class FiveStarterImpressions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("circles.promotion.starter-impressions", Integer.toString(STARTER));
        }
    }

    @Inject
    ImpressionLedger ledger;

    @Test
    void theFirstPromotionGetsTheStarterAndIsExhaustedExactlyAtBudgetPlusStarter() throws Exception {
        int budget = 3;
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        String post = Fixtures.post(owner, merchant);
        String first = launch(owner, merchant, post, budget).statusCode(201)
                .body("budgetImpressions", equalTo(budget)).body("starterImpressions", equalTo(STARTER))
                .extract().path("id");

        try (KafkaProbe probe = KafkaProbe.on(Topics.MERCHANT_CONTENT)) {
            Map<ImpressionLedger.Outcome, Long> tally = countConcurrently(first, merchant, post,
                    2 * (budget + STARTER));
            assertEquals(budget + STARTER - 1, tally.getOrDefault(ImpressionLedger.Outcome.COUNTED, 0L),
                    tally::toString);
            assertEquals(1, tally.getOrDefault(ImpressionLedger.Outcome.EXHAUSTED, 0L), tally::toString);
            assertEquals(budget + STARTER, tally.getOrDefault(ImpressionLedger.Outcome.NOT_COUNTED, 0L),
                    tally::toString);
            probe.await(e -> PromotionExhausted.TYPE.equals(e.type()) && first.equals(e.subject()),
                    Duration.ofSeconds(10)).assertMatchesSchema();
        }
        given().auth().oauth2(Tokens.forUser(owner)).when().get("/api/promotions/" + first)
                .then().statusCode(200).body("impressionsServed", equalTo(budget + STARTER))
                .body("budgetImpressions", equalTo(budget)).body("starterImpressions", equalTo(STARTER))
                .body("status", equalTo("EXHAUSTED"));
    }

    @Test
    void theSecondPromotionGetsNoStarterAndIsExhaustedAtItsBudget() throws Exception {
        int budget = 4;
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        String post = Fixtures.post(owner, merchant);
        launch(owner, merchant, post, 100).statusCode(201).body("starterImpressions", equalTo(STARTER));
        String second = launch(owner, merchant, post, budget).statusCode(201)
                .body("starterImpressions", equalTo(0)).extract().path("id");

        Map<ImpressionLedger.Outcome, Long> tally = countConcurrently(second, merchant, post, 2 * budget);
        assertEquals(budget - 1, tally.getOrDefault(ImpressionLedger.Outcome.COUNTED, 0L), tally::toString);
        assertEquals(1, tally.getOrDefault(ImpressionLedger.Outcome.EXHAUSTED, 0L), tally::toString);
        given().auth().oauth2(Tokens.forUser(owner)).when().get("/api/promotions/" + second)
                .then().statusCode(200).body("impressionsServed", equalTo(budget))
                .body("status", equalTo("EXHAUSTED"));
    }

    @Test
    void ofConcurrentFirstLaunchesExactlyOneGetsTheStarter() throws Exception {
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        String post = Fixtures.post(owner, merchant);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> starters = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                starters.add(pool.submit(() -> launch(owner, merchant, post, 10).statusCode(201)
                        .extract().<Integer>path("starterImpressions")));
            }
            int total = 0;
            for (Future<Integer> starter : starters) {
                total += starter.get();
            }
            assertEquals(STARTER, total);
        } finally {
            pool.shutdownNow();
        }
    }

    private Map<ImpressionLedger.Outcome, Long> countConcurrently(String promotion, String merchant, String post,
            int impressions) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ImpressionLedger.Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < impressions; i++) {
                PromotionImpression impression = new PromotionImpression(UUID.randomUUID().toString(), promotion,
                        merchant, post, "user-" + i, Instant.now());
                outcomes.add(pool.submit(() -> countNow(impression)));
            }
            Map<ImpressionLedger.Outcome, Long> tally = new EnumMap<>(ImpressionLedger.Outcome.class);
            for (Future<ImpressionLedger.Outcome> outcome : outcomes) {
                tally.merge(outcome.get(), 1L, Long::sum);
            }
            return tally;
        } finally {
            pool.shutdownNow();
        }
    }

    private ImpressionLedger.Outcome countNow(PromotionImpression impression) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> ledger.count(impression));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static io.restassured.response.ValidatableResponse launch(String user, String merchant, String post,
            long budget) {
        Instant now = Instant.now();
        return given().auth().oauth2(Tokens.forUser(user)).contentType(ContentType.JSON)
                .body("{\"postId\":\"" + post + "\",\"budgetImpressions\":" + budget + ",\"targeting\":{\"interests\":"
                        + "[\"coffee\"],\"cities\":[\"Hangzhou\"]},\"startsAt\":\"" + now.minusSeconds(60)
                        + "\",\"endsAt\":\"" + now.plusSeconds(86_400) + "\"}")
                .when().post("/api/merchants/" + merchant + "/promotions").then();
    }
}
