package io.circles.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.test.Tokens;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One POST of a post is one trace across the services: the HTTP request in community-service, the outbox relay's
 * publish as its child, and feed-service's and notification-service's consumer spans as children of that publish, all
 * with the request's trace id.
 * The spans are the services' own, exported by their span exporter to the platform's trace files.
 */
class TracingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static PlatformUnderTest platform;

    @BeforeAll
    static void startPlatform() {
        platform = PlatformUnderTest.get();
    }

    @Test
    void aPostIsOneTraceFromTheRequestThroughTheOutboxAndKafkaToTheFeed() {
        String alice = Tokens.newUserId("alice");
        String bob = Tokens.newUserId("bob");
        String community = given().baseUri(platform.gatewayUrl()).auth().oauth2(Tokens.forUser(alice))
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Night Owls\",\"description\":\"Late rides\",\"interests\":[\"cycling\"],"
                        + "\"city\":\"Chengdu\",\"location\":{\"lat\":30.66,\"lon\":104.06},\"visibility\":\"PUBLIC\"}")
                .when().post("/api/communities").then().statusCode(201).extract().path("id");
        given().baseUri(platform.gatewayUrl()).auth().oauth2(Tokens.forUser(bob))
                .when().post("/api/communities/" + community + "/members").then().statusCode(201);

        String requestId = "trace-" + UUID.randomUUID();
        String post = given().baseUri(platform.gatewayUrl()).auth().oauth2(Tokens.forUser(alice))
                .header("X-Request-Id", requestId).contentType(ContentType.JSON)
                .body("{\"text\":\"Traced from tap to timeline\",\"media\":[]}")
                .when().post("/api/communities/" + community + "/posts").then().statusCode(201).extract().path("id");

        // The request's server span, found by the request id the gateway passed on.
        JsonNode request = await().atMost(Duration.ofSeconds(20)).until(
                () -> spans("community-service").stream()
                        .filter(span -> "SERVER".equals(span.path("kind").asText())
                                && requestId.equals(span.path("attributes").path("http.request.header.x-request-id")
                                        .asText()))
                        .findFirst(), Optional::isPresent).orElseThrow();
        String trace = request.path("traceId").asText();
        assertEquals(alice, request.path("attributes").path("enduser.id").asText(), "the acting user is on the span");

        // The relay published the post-published event as a child of the request (through the stored traceparent).
        JsonNode publish = await().atMost(Duration.ofSeconds(20)).until(
                () -> spans("community-service").stream()
                        .filter(span -> trace.equals(span.path("traceId").asText())
                                && "PRODUCER".equals(span.path("kind").asText())
                                && "community.posts.v1".equals(span.path("attributes")
                                        .path("messaging.destination.name").asText()))
                        .findFirst(), Optional::isPresent).orElseThrow();
        assertTrue(descendsFrom(publish, request, spans("community-service")),
                "the publish span descends from the request's span: " + publish);

        // feed-service consumed it in the same trace, as a child of the publish.
        List<JsonNode> consumed = await().atMost(Duration.ofSeconds(30)).until(
                () -> spans("feed-service").stream()
                        .filter(span -> trace.equals(span.path("traceId").asText())
                                && "CONSUMER".equals(span.path("kind").asText()))
                        .toList(), found -> !found.isEmpty());
        for (JsonNode span : consumed) {
            assertEquals(publish.path("spanId").asText(), span.path("parentSpanId").asText(),
                    "a consumer span continues the publish as its child: " + span);
        }
        // notification-service, which reads every topic, continues the same trace.
        List<JsonNode> notified = await().atMost(Duration.ofSeconds(30)).until(
                () -> spans("notification-service").stream()
                        .filter(span -> trace.equals(span.path("traceId").asText())
                                && "CONSUMER".equals(span.path("kind").asText()))
                        .toList(), found -> !found.isEmpty());
        for (JsonNode span : notified) {
            assertEquals(publish.path("spanId").asText(), span.path("parentSpanId").asText(),
                    "notification-service's consumer span continues the publish as its child: " + span);
        }
        // The store calls are spans of the same trace: PostgreSQL in community-service, Redis in feed-service.
        assertTrue(spans("community-service").stream().anyMatch(span -> trace.equals(span.path("traceId").asText())
                        && "CLIENT".equals(span.path("kind").asText())
                        // the reactive client names the database in db.system; the statement is the SQL itself
                        && span.path("attributes").has("db.statement")
                        && !"redis".equals(span.path("attributes").path("db.system").asText())),
                "a PostgreSQL client span in the request's trace");
        await().atMost(Duration.ofSeconds(20)).until(() -> spans("feed-service").stream()
                .anyMatch(span -> trace.equals(span.path("traceId").asText())
                        && "CLIENT".equals(span.path("kind").asText())
                        && "redis".equals(span.path("attributes").path("db.system").asText())));
        await().atMost(Duration.ofSeconds(20)).until(() -> given().baseUri(platform.gatewayUrl())
                .auth().oauth2(Tokens.forUser(bob)).get("/api/feeds/me").asString().contains(post));

        // Latency buckets link to traces: in OpenMetrics, a bucket of the posting route carries a trace id exemplar.
        String communityService = platform.services().stream().filter(s -> s.name().equals("community-service"))
                .findFirst().orElseThrow().baseUrl();
        String metrics = given().baseUri(communityService)
                .header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8")
                .get("/q/metrics").asString();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("http_server_requests_seconds_bucket")
                        && line.contains("/posts") && line.contains("trace_id=")),
                "a latency bucket of POST .../posts with a trace exemplar");
    }

    private static boolean descendsFrom(JsonNode span, JsonNode ancestor, List<JsonNode> all) {
        JsonNode current = span;
        for (int depth = 0; depth < 20 && current != null; depth++) {
            String parent = current.path("parentSpanId").asText(null);
            if (parent == null) {
                return false;
            }
            if (parent.equals(ancestor.path("spanId").asText())) {
                return true;
            }
            current = all.stream().filter(s -> parent.equals(s.path("spanId").asText())).findFirst().orElse(null);
        }
        return false;
    }

    private static List<JsonNode> spans(String service) {
        Path file = PlatformUnderTest.traces(service);
        List<JsonNode> spans = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return spans;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    spans.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            // a line being appended at this moment: the next poll reads it whole
        }
        return spans;
    }
}
