package io.circles.local;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalGatewayTest {

    private HttpServer upstream;
    private final CountDownLatch firstEventRead = new CountDownLatch(1);
    private LocalGateway gateway;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/api/echo", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            String reply = exchange.getRequestMethod() + " " + exchange.getRequestURI() + " auth=" + auth + " body="
                    + new String(body, StandardCharsets.UTF_8);
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(201, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        upstream.createContext("/api/request-id", exchange -> {
            byte[] bytes = String.valueOf(exchange.getRequestHeaders().getFirst("X-Request-Id"))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        upstream.createContext("/api/stream", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            // The second event is only written once the client has read the first: a gateway that buffered the
            // stream until the upstream finished would hold the first event back, and the second never comes.
            try {
                if (firstEventRead.await(30, TimeUnit.SECONDS)) {
                    out.write("data: second\n\n".getBytes(StandardCharsets.UTF_8));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.close();
        });
        upstream.setExecutor(Executors.newCachedThreadPool());
        upstream.start();
        int port = upstream.getAddress().getPort();
        int closed = Ports.freePort();
        gateway = LocalGateway.start(0, Map.of("/api/request-id", port, "/api/echo", port, "/api/stream", port, "/api/down", closed));
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.stop(0);
    }

    @Test
    void everyRequestReachesItsServiceWithARequestIdThatTheClientGetsBack() throws Exception {
        HttpResponse<String> given = http.send(HttpRequest.newBuilder(uri("/api/request-id"))
                .header("X-Request-Id", "tap-42").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("tap-42", given.body(), "the client's own id is passed on");
        assertEquals("tap-42", given.headers().firstValue("X-Request-Id").orElse(""));
        HttpResponse<String> made = get("/api/request-id");
        assertTrue(made.body().matches("[0-9a-f-]{36}"), "a new id when the client sent none: " + made.body());
        assertEquals(made.body(), made.headers().firstValue("X-Request-Id").orElse(""), "and the client gets it");
    }

    @Test
    void proxiesMethodPathQueryAuthorizationAndBody() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/echo/1?x=y"))
                .header("Authorization", "Bearer abc.def.ghi")
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode());
        assertEquals("POST /api/echo/1?x=y auth=Bearer abc.def.ghi body={\"a\":1}", r.body());
    }

    @Test
    void aBodyDeclaredOverTheLimitGets413ProblemJsonWithoutGoingUpstream() throws Exception {
        byte[] body = new byte[(int) LocalGateway.MAX_BODY_BYTES + 1];
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/echo/big"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode());
        assertEquals("application/problem+json", r.headers().firstValue("content-type").orElse(""));
        assertTrue(r.body().contains("\"status\":413"), r.body());

        HttpResponse<String> fits = http.send(HttpRequest.newBuilder(uri("/api/echo/fits"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[(int) LocalGateway.MAX_BODY_BYTES])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, fits.statusCode());
    }

    @Test
    void aRequestTargetOverTheLimitGets414ProblemJsonWithoutGoingUpstream() throws Exception {
        String tooLong = "/api/echo/" + "x".repeat(LocalGateway.MAX_URI);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(tooLong)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(414, r.statusCode());
        assertEquals("application/problem+json", r.headers().firstValue("content-type").orElse(""));
        assertTrue(r.body().contains("\"status\":414"), r.body());

        String fits = "/api/echo/" + "x".repeat(LocalGateway.MAX_URI - "/api/echo/".length());
        assertEquals(201, http.send(HttpRequest.newBuilder(uri(fits)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void aClientStillSendingAnOversizedBodyReadsThe413() throws Exception {
        // Far past the limit: the gateway answers long before the upload ends, and must not reset the connection
        // (closing with unread bytes) before the client has read the answer.
        byte[] body = new byte[8 * 1024 * 1024];
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/echo/huge"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(413, r.statusCode(), "attempt " + i);
            assertTrue(r.body().contains("\"status\":413"), r.body());
        }
    }

    @Test
    void answersHealthAnd404And502AsProblemJson() throws Exception {
        assertEquals(200, get("/health").statusCode());

        HttpResponse<String> none = get("/nowhere");
        assertEquals(404, none.statusCode());
        assertEquals("application/problem+json", none.headers().firstValue("content-type").orElse(""));
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"no route for /nowhere\"}",
                none.body());
        // A prefix only matches whole path segments.
        assertEquals(404, get("/api/echoes").statusCode());

        HttpResponse<String> down = get("/api/down/x");
        assertEquals(502, down.statusCode());
        assertEquals("application/problem+json", down.headers().firstValue("content-type").orElse(""));
        assertTrue(down.body().contains("\"status\":502"), down.body());
    }

    @Test
    void streamsServerSentEventsWithoutBuffering() throws Exception {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri("/api/stream")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertEquals("data: first", in.readLine());
            assertEquals("", in.readLine());
            firstEventRead.countDown();
            assertEquals("data: second", in.readLine(),
                    "the upstream writes the second event only after the first reached the client through the gateway");
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }
}
