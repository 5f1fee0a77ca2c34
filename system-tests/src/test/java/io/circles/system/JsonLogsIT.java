package io.circles.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.local.LocalService;
import io.circles.test.Tokens;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A service in its production profile writes one JSON object per log line, and a request's line carries its trace id,
 * span id, the service, the acting user and the gateway's request id, but never the token or the request body. The
 * packaged community-service runs here with the production logging the local stack turns off for people to read.
 */
class JsonLogsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOG = Path.of("target", "service-logs", "community-service-json.log").toAbsolutePath();
    private static LocalService service;

    @BeforeAll
    static void startAServiceWithProductionLogging() throws Exception {
        PlatformUnderTest platform = PlatformUnderTest.get();
        Path repo = Path.of("").toAbsolutePath().getParent();
        Map<String, String> config = new HashMap<>(platform.infrastructure().quarkusConfig("community"));
        config.put("mp.jwt.verify.publickey.location",
                repo.resolve("platform-runtime/src/main/resources/dev-keys/jwt-public.pem").toString());
        config.put("%prod.quarkus.log.console.json.enabled", "true");
        config.put("quarkus.log.category.\"io.circles.platform.tracing\".level", "DEBUG");
        Files.deleteIfExists(LOG);
        service = LocalService.start("community-service",
                repo.resolve("community-service/target/quarkus-app/quarkus-run.jar"), freePort(), config, LOG);
        service.awaitReady(Duration.ofSeconds(180));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void aRequestsLogLineIsJsonWithItsTraceAndCallerAndNothingSecret() {
        String alice = Tokens.newUserId("alice");
        String token = Tokens.forUser(alice);
        String requestId = "json-" + UUID.randomUUID();
        String secretText = "a description nobody may log " + UUID.randomUUID();
        given().baseUri(service.baseUrl()).auth().oauth2(token).header("X-Request-Id", requestId)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Log Readers\",\"description\":\"" + secretText + "\",\"interests\":[\"coffee\"],"
                        + "\"city\":\"Hangzhou\",\"location\":{\"lat\":30.27,\"lon\":120.15},\"visibility\":\"PUBLIC\"}")
                .when().post("/api/communities").then().statusCode(201);

        JsonNode line = await().atMost(Duration.ofSeconds(20)).until(() -> lines().stream()
                .filter(l -> requestId.equals(l.path("mdc").path("requestId").asText()))
                .findFirst(), Optional::isPresent).orElseThrow();
        JsonNode mdc = line.path("mdc");
        assertTrue(mdc.path("traceId").asText().matches("[0-9a-f]{32}"), "a trace id: " + line);
        assertTrue(mdc.path("spanId").asText().matches("[0-9a-f]{16}"), "a span id: " + line);
        assertEquals(alice, mdc.path("userId").asText(), "the acting user: " + line);
        assertEquals("community-service", line.path("service").asText(), "the service: " + line);
        assertEquals("POST /api/communities", line.path("message").asText(), line.toString());

        String all = String.join("\n", raw());
        assertFalse(all.contains(token), "no token in the log");
        assertFalse(all.contains(secretText), "no request body in the log");
    }

    private static List<JsonNode> lines() {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : raw()) {
            if (line.startsWith("{")) {
                try {
                    parsed.add(JSON.readTree(line));
                } catch (IOException e) {
                    // a line being written at this moment: the next poll reads it whole
                }
            }
        }
        return parsed;
    }

    private static List<String> raw() {
        try {
            return Files.isRegularFile(LOG) ? Files.readAllLines(LOG) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
