package io.circles.community;

import static io.circles.community.Fixtures.as;
import static io.circles.community.Fixtures.createCommunity;
import static io.circles.community.Fixtures.join;
import static io.circles.community.Fixtures.memberCount;
import static io.circles.community.Fixtures.post;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import io.circles.events.Topics;
import io.circles.events.community.MemberJoined;
import io.circles.events.post.PostPublished;
import io.circles.local.LocalRedis;
import io.circles.platform.ratelimit.RateLimited;
import io.circles.platform.ratelimit.RateLimiter;
import io.circles.platform.web.UriLengthLimit;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Per-user write budgets (429) and the body size limit (413), with the service's own configuration. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "community"))
class WriteLimitsIT {

    private static final String PROBLEM_JSON = "application/problem+json";

    @ConfigProperty(name = "circles.rate-limit.join.requests")
    int joinBudget;

    @ConfigProperty(name = "circles.rate-limit.join.window")
    Duration joinWindow;

    @ConfigProperty(name = "circles.rate-limit.post.requests")
    int postBudget;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    @Inject
    RateLimiter limiter;

    @Test
    void joinsOverTheBudgetGet429WithRetryAfterAndJoinNothing() {
        String owner = Tokens.newUserId("owner");
        String joiner = Tokens.newUserId("joiner");
        String first = createCommunity(owner, "PUBLIC");
        String second = createCommunity(owner, "PUBLIC");
        join(joiner, first).statusCode(201);
        for (int i = 1; i < joinBudget; i++) {
            join(joiner, first).statusCode(200);
        }

        try (KafkaProbe probe = KafkaProbe.on(Topics.COMMUNITY_EVENTS)) {
            ValidatableResponse refused = join(joiner, second).statusCode(429).contentType(PROBLEM_JSON)
                    .body("status", equalTo(429)).body("title", equalTo("Too Many Requests"));
            long retryAfter = Long.parseLong(refused.extract().header("Retry-After"));
            assertTrue(retryAfter >= 1 && retryAfter <= joinWindow.toSeconds(), "Retry-After " + retryAfter);
            assertTrue(probe.all(e -> MemberJoined.TYPE.equals(e.type()) && e.value().contains(joiner),
                    Duration.ofSeconds(2)).isEmpty(), "a refused join emits nothing");
        }
        as(joiner).get("/api/communities/" + second).then().statusCode(200).body("membership", nullValue());
        assertEquals(1, memberCount(owner, second));
        join(Tokens.newUserId("other"), second).statusCode(201);
    }

    @Test
    void postsAndCommentsShareOneBudgetAndRefusedOnesAreNotWritten() {
        String author = Tokens.newUserId("author");
        String id = createCommunity(author, "PUBLIC");
        String postId = post(author, id, "first");
        for (int i = 1; i < postBudget; i++) {
            as(author).body("{\"text\":\"comment " + i + "\"}").post("/api/posts/" + postId + "/comments")
                    .then().statusCode(201);
        }

        try (KafkaProbe probe = KafkaProbe.on(Topics.COMMUNITY_POSTS)) {
            as(author).body("{\"text\":\"one too many\"}").post("/api/communities/" + id + "/posts")
                    .then().statusCode(429).contentType(PROBLEM_JSON).header("Retry-After", notNullValue());
            as(author).body("{\"text\":\"one too many\"}").post("/api/posts/" + postId + "/comments")
                    .then().statusCode(429).contentType(PROBLEM_JSON);
            assertTrue(probe.all(e -> PostPublished.TYPE.equals(e.type()) && e.value().contains(author),
                    Duration.ofSeconds(2)).isEmpty(), "a refused post emits nothing");
        }
        as(author).get("/api/communities/" + id + "/posts").then().statusCode(200).body("items", hasSize(1));
        as(author).get("/api/posts/" + postId + "/comments?limit=100").then().statusCode(200)
                .body("items", hasSize(postBudget - 1));
    }

    @Test
    void whileRedisIsDownWritesGoAheadUncheckedAndAreCounted() {
        String owner = Tokens.newUserId("owner");
        String id = createCommunity(owner, "PUBLIC");
        LocalRedis redis = PlatformTestResource.infrastructure().redis();
        redis.stop();
        try {
            join(Tokens.newUserId("joiner"), id).statusCode(201);
            post(owner, id, "written while Redis is down");
            given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("circles_rate_limit_unchecked_total{scope=\"join\""))
                    .body(containsString("circles_rate_limit_unchecked_total{scope=\"post\""));
        } finally {
            redis.restart();
        }
        String user = Tokens.newUserId("after");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> limiter.acquire(user, RateLimited.JOIN).await().atMost(Duration.ofSeconds(5))
                        .remaining() >= 0);
    }

    @Test
    void aRequestTargetOverTheLimitGets414ProblemJson() {
        String user = Tokens.newUserId("user");
        String prefix = "/api/communities/";
        as(user).get(prefix + "x".repeat(UriLengthLimit.MAX_URI)).then().statusCode(414)
                .contentType(PROBLEM_JSON).body("status", equalTo(414));
        as(user).get(prefix + "x".repeat(UriLengthLimit.MAX_URI - prefix.length())).then()
                .statusCode(anyOf(equalTo(400), equalTo(404)))
                .contentType(PROBLEM_JSON);
    }

    @Test
    void aBodyOverTheLimitGets413ProblemJsonAndNothingIsWritten() {
        String author = Tokens.newUserId("author");
        String id = createCommunity(author, "PUBLIC");
        String text = "x".repeat((int) maxBodySize.asLongValue());

        as(author).body("{\"text\":\"" + text + "\"}").post("/api/communities/" + id + "/posts")
                .then().statusCode(413).contentType(PROBLEM_JSON).header("Connection", "close")
                .body("status", equalTo(413));
        as(author).get("/api/communities/" + id + "/posts").then().statusCode(200).body("items", hasSize(0));
    }
}
