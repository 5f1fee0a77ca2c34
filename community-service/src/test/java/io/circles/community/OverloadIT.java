package io.circles.community;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * Admission control on the real service, with two slots: two community creations whose bodies the client holds back
 * take both (a request is admitted before its body is read), so what comes next waits, and is refused with a 503
 * problem and {@code Retry-After} once the wait bound has passed, or admitted as soon as a slot frees up. A held
 * creation whose body then arrives is served (201). Afterwards the service answers normally and no slot is left taken.
 */
@QuarkusTest
@TestProfile(OverloadIT.TwoSlots.class)
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "community"))
class OverloadIT {

    /** Long enough for a waiter to be admitted on a busy machine once a slot frees up. */
    private static final long WAIT_MILLIS = 2_000;
    /** A sample's value; a counter's line may go on with an exemplar ({@code # {trace_id=…} …}). */
    private static final Pattern GAUGE = Pattern.compile(
            "(?m)^circles_overload_(in_flight|waiting)\\{[^}]*}\\s+([-+.0-9eE]+)");
    private static final Pattern REFUSED = Pattern.compile(
            "(?m)^circles_overload_refused_total\\{[^}]*reason=\"timed-out\"[^}]*}\\s+([-+.0-9eE]+)");

    /** Two requests at once, each next one waits at most two seconds. */
    public static class TwoSlots implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("circles.overload.max-in-flight", "2",
                    "circles.overload.max-queue-wait", WAIT_MILLIS + "ms",
                    "circles.overload.retry-after", "2s");
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Test
    void requestsBeyondTheSlotsAreRefusedWithinTheWaitBoundOrAdmittedWhenASlotFrees() throws Exception {
        String owner = Tokens.newUserId("owner");
        double refusedBefore = refusedTimedOut();
        try (HeldCreation first = HeldCreation.start(base, owner);
                HeldCreation second = HeldCreation.start(base, owner)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gauge("in_flight") == 2);
            // Health and metrics answer while every slot is taken.
            given().get("/q/health/ready").then().statusCode(200);

            ExecutorService clients = Executors.newFixedThreadPool(4);
            try {
                List<Future<Timed>> refused = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    refused.add(clients.submit(() -> timed(() -> interests(owner))));
                }
                for (Future<Timed> future : refused) {
                    Timed outcome = future.get(10, TimeUnit.SECONDS);
                    Response response = outcome.response();
                    assertEquals(503, response.statusCode(), response.asString());
                    assertEquals("application/problem+json", response.contentType());
                    assertEquals("2", response.header("Retry-After"));
                    assertEquals(503, response.jsonPath().getInt("status"));
                    assertEquals("Service Unavailable", response.jsonPath().getString("title"));
                    assertTrue(outcome.millis() >= WAIT_MILLIS - 50,
                            "refused only once the wait bound has passed: " + outcome.millis() + " ms");
                    assertTrue(outcome.millis() < WAIT_MILLIS + 1_000,
                            "refused within the wait bound, not at a client timeout: " + outcome.millis() + " ms");
                }

                // A request that waits gets the slot the moment a held one lets go of it (here its client goes
                // away; the end of the other creation below frees the last slot).
                Future<Timed> waiting = clients.submit(() -> timed(() -> interests(owner)));
                await().atMost(Duration.ofSeconds(5)).until(() -> gauge("waiting") == 1);
                first.close();
                Timed admitted = waiting.get(10, TimeUnit.SECONDS);
                assertEquals(200, admitted.response().statusCode(),
                        "after " + admitted.millis() + " ms: " + admitted.response().asString());
                assertEquals(201, second.finish());
            } finally {
                clients.shutdownNow();
            }
        }

        double refusedAfter = refusedTimedOut();
        assertTrue(refusedAfter - refusedBefore >= 4, "refusals are counted: " + refusedBefore + " → " + refusedAfter
                + " in " + given().get("/q/metrics").then().extract().asString().lines()
                        .filter(line -> line.startsWith("circles_overload")).toList());
        await().atMost(Duration.ofSeconds(5)).until(() -> gauge("in_flight") == 0 && gauge("waiting") == 0);
        // No slot was leaked: twice the limit in a row, each served.
        for (int i = 0; i < 4; i++) {
            interests(owner).then().statusCode(200);
        }
    }

    @Test
    void aClientThatGoesAwayWhileHoldingASlotGivesItBack() throws Exception {
        String owner = Tokens.newUserId("owner");
        HeldCreation held = HeldCreation.start(base, owner);
        HeldCreation other = HeldCreation.start(base, owner);
        await().atMost(Duration.ofSeconds(10)).until(() -> gauge("in_flight") == 2);
        held.close();
        other.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> gauge("in_flight") == 0);
        interests(owner).then().statusCode(200);
        interests(owner).then().statusCode(200);
    }

    private static Response interests(String user) {
        return given().auth().oauth2(Tokens.forUser(user)).get("/api/interests");
    }

    private record Timed(Response response, long millis) {
    }

    private interface Call {
        Response call();
    }

    private static Timed timed(Call call) {
        long start = System.nanoTime();
        Response response = call.call();
        return new Timed(response, (System.nanoTime() - start) / 1_000_000);
    }

    private static double gauge(String name) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = GAUGE.matcher(metrics);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no circles_overload_" + name + " in /q/metrics");
    }

    private static double refusedTimedOut() {
        Matcher m = REFUSED.matcher(given().get("/q/metrics").then().extract().asString());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** A community creation whose headers are sent and whose body is held back until {@link #finish}. */
    private static final class HeldCreation implements AutoCloseable {

        private final Socket socket;
        private final byte[] body;

        private HeldCreation(Socket socket, byte[] body) {
            this.socket = socket;
            this.body = body;
        }

        static HeldCreation start(URL base, String owner) throws IOException {
            byte[] body = Fixtures.communityJson("Held " + Tokens.newUserId("c"), "PUBLIC", "Hangzhou", 30.27, 120.15,
                    "hiking", "Held back by the client").getBytes(StandardCharsets.UTF_8);
            Socket socket = new Socket(base.getHost(), base.getPort());
            socket.setSoTimeout(15_000);
            String head = "POST /api/communities HTTP/1.1\r\n"
                    + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + "Authorization: Bearer " + Tokens.forUser(owner) + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n"
                    + "Connection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new HeldCreation(socket, body);
        }

        /** Sends the body and returns the status of the answer. */
        int finish() throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                line.append((char) c);
            }
            String[] status = line.toString().trim().split(" ");
            if (status.length < 2) {
                throw new IOException("no status line: " + line);
            }
            return Integer.parseInt(status[1]);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
