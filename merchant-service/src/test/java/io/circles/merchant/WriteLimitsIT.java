package io.circles.merchant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import io.circles.events.Topics;
import io.circles.events.content.MerchantPostPublished;
import io.circles.events.content.PromotionLaunched;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Per-user budgets for merchant posts and promotions (429) and the body size limit (413). */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "merchant"))
class WriteLimitsIT {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String POST = "{\"text\":\"Fresh roast today\"}";

    @ConfigProperty(name = "circles.rate-limit.post.requests")
    int postBudget;

    @ConfigProperty(name = "circles.rate-limit.promotion.requests")
    int promotionBudget;

    @ConfigProperty(name = "circles.rate-limit.promotion.window")
    Duration promotionWindow;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    @Test
    void postsOverTheBudgetGet429AndAreNotPublished() {
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        for (int i = 0; i < postBudget; i++) {
            as(owner).body(POST).post("/api/merchants/" + merchant + "/posts").then().statusCode(201);
        }

        try (KafkaProbe probe = KafkaProbe.on(Topics.MERCHANT_CONTENT)) {
            as(owner).body(POST).post("/api/merchants/" + merchant + "/posts")
                    .then().statusCode(429).contentType(PROBLEM_JSON).body("status", equalTo(429));
            assertTrue(probe.all(e -> MerchantPostPublished.TYPE.equals(e.type()) && merchant.equals(e.key()),
                    Duration.ofSeconds(2)).isEmpty(), "a refused post emits nothing");
        }
        as(owner).get("/api/merchants/" + merchant + "/posts?limit=100").then().statusCode(200)
                .body("items", hasSize(postBudget));
    }

    @Test
    void promotionsOverTheBudgetGet429WithRetryAfterAndAreNotLaunched() {
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        String post = Fixtures.post(owner, merchant);
        for (int i = 0; i < promotionBudget; i++) {
            as(owner).body(promotion(post)).post("/api/merchants/" + merchant + "/promotions").then().statusCode(201);
        }

        try (KafkaProbe probe = KafkaProbe.on(Topics.MERCHANT_CONTENT)) {
            String retryAfter = as(owner).body(promotion(post)).post("/api/merchants/" + merchant + "/promotions")
                    .then().statusCode(429).contentType(PROBLEM_JSON).extract().header("Retry-After");
            long seconds = Long.parseLong(retryAfter);
            assertTrue(seconds >= 1 && seconds <= promotionWindow.toSeconds(), "Retry-After " + seconds);
            assertTrue(probe.all(e -> PromotionLaunched.TYPE.equals(e.type()) && merchant.equals(e.key()),
                    Duration.ofSeconds(2)).isEmpty(), "a refused promotion is not launched");
        }
    }

    @Test
    void aBodyOverTheLimitGets413ProblemJsonAndNothingIsWritten() {
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        String text = "x".repeat((int) maxBodySize.asLongValue());

        as(owner).body("{\"text\":\"" + text + "\"}").post("/api/merchants/" + merchant + "/posts")
                .then().statusCode(413).contentType(PROBLEM_JSON).header("Connection", "close")
                .body("status", equalTo(413));
        as(owner).get("/api/merchants/" + merchant + "/posts").then().statusCode(200).body("items", hasSize(0));
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.forUser(user)).contentType(ContentType.JSON);
    }

    private static String promotion(String post) {
        Instant now = Instant.now();
        return "{\"postId\":\"" + post + "\",\"budgetImpressions\":10,\"targeting\":{\"interests\":[\"coffee\"],"
                + "\"cities\":[\"Hangzhou\"]},\"startsAt\":\"" + now.minusSeconds(60) + "\",\"endsAt\":\""
                + now.plusSeconds(86_400) + "\"}";
    }
}
