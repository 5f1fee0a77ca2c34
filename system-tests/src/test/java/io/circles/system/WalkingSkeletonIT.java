package io.circles.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import io.circles.events.Topics;
import io.circles.events.community.MemberJoined;
import io.circles.local.LocalService;
import io.circles.local.Resp;
import io.circles.test.KafkaProbe;
import io.circles.test.ReceivedEvent;
import io.circles.test.Tokens;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One event flowing end to end: a join through the gateway reaches feed-service's member projection in Redis. */
class WalkingSkeletonIT {

    private static PlatformUnderTest platform;

    @BeforeAll
    static void startPlatform() {
        platform = PlatformUnderTest.get();
    }

    @Test
    void aJoinThroughTheGatewayReachesTheFeedMemberProjection() throws Exception {
        String alice = Tokens.newUserId("alice");
        String bob = Tokens.newUserId("bob");
        try (KafkaProbe probe = KafkaProbe.on(Topics.COMMUNITY_EVENTS)) {
            String community = given().baseUri(platform.gatewayUrl()).auth().oauth2(Tokens.forUser(alice))
                    .contentType(ContentType.JSON)
                    .body("{\"name\":\"Weekend Riders\",\"description\":\"Easy 40 km loops\",\"interests\":[\"cycling\"],"
                            + "\"city\":\"Chengdu\",\"location\":{\"lat\":30.66,\"lon\":104.06},\"visibility\":\"PUBLIC\"}")
                    .when().post("/api/communities")
                    .then().statusCode(201).extract().path("id");

            given().baseUri(platform.gatewayUrl()).auth().oauth2(Tokens.forUser(bob))
                    .when().post("/api/communities/" + community + "/members")
                    .then().statusCode(201).body("status", equalTo("MEMBER"));

            ReceivedEvent joined = probe.await(event -> MemberJoined.TYPE.equals(event.type())
                    && bob.equals(event.json().get("userId").asText()), Duration.ofSeconds(20));
            joined.assertMatchesSchema();
            assertEquals(community, joined.key());

            int redis = platform.infrastructure().redis().port();
            String members = "members:{c:" + community + "}";
            await().atMost(Duration.ofSeconds(20)).until(() -> "1".equals(Resp.call(redis, "SISMEMBER", members, bob)));
            assertEquals("1", Resp.call(redis, "SISMEMBER", members, alice), "the owner is a member too");
        }
    }

    @Test
    void everyServiceReportsItsDependenciesInReadiness() {
        for (LocalService service : platform.services()) {
            List<String> checks = given().baseUri(service.baseUrl())
                    .when().get("/q/health/ready")
                    .then().statusCode(200).body("status", equalTo("UP"))
                    .extract().path("checks.name");
            if (service.name().equals("feed-service")) {
                org.hamcrest.MatcherAssert.assertThat(service.name(), checks,
                        hasItems("Redis connection health check", "SmallRye Reactive Messaging - readiness check"));
            } else {
                org.hamcrest.MatcherAssert.assertThat(service.name(), checks,
                        hasItems("Reactive PostgreSQL connections health check"));
            }
        }
    }

    @Test
    void everyServiceServesItsOpenApiDocumentAndPrometheusMetrics() {
        for (LocalService service : platform.services()) {
            given().baseUri(service.baseUrl()).accept("application/json")
                    .when().get("/q/openapi")
                    .then().statusCode(200).body("openapi", org.hamcrest.Matchers.startsWith("3."));
            given().baseUri(service.baseUrl())
                    .when().get("/q/metrics")
                    .then().statusCode(200).body(org.hamcrest.Matchers.containsString("jvm_memory_used_bytes"));
        }
    }

    @Test
    void theGatewayAnswersUnknownRoutesAndAnonymousCallsWithProblems() {
        given().baseUri(platform.gatewayUrl())
                .when().get("/api/nowhere")
                .then().statusCode(404).contentType("application/problem+json");
        given().baseUri(platform.gatewayUrl())
                .when().get("/api/interests")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
