package io.circles.local;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebAppTest {

    @TempDir
    Path dist;

    private HttpServer upstream;
    private LocalGateway gateway;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        Files.writeString(dist.resolve("index.html"), "<!doctype html><title>app</title>");
        Files.createDirectories(dist.resolve("assets"));
        Files.writeString(dist.resolve("assets/index-abc123.js"), "console.log(1)");
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/api/echo", exchange -> {
            byte[] bytes = "upstream".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        upstream.start();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        upstream.stop(0);
    }

    private void gateway(boolean devSignIn) throws Exception {
        gateway = LocalGateway.start(0, Map.of("/api/echo", upstream.getAddress().getPort()), Map.of(),
                WebApp.load(dist, devSignIn));
    }

    @Test
    void servesTheAppAtRootAndFallsBackToIndexForAppPathsWithTheSecurityHeaders() throws Exception {
        gateway(true);
        HttpResponse<String> root = get("/");
        assertEquals(200, root.statusCode());
        assertEquals("<!doctype html><title>app</title>", root.body());
        assertTrue(root.headers().firstValue("content-type").orElseThrow().startsWith("text/html"));
        assertEquals("no-cache", root.headers().firstValue("cache-control").orElseThrow());
        String csp = root.headers().firstValue("content-security-policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self'"), csp);
        assertFalse(csp.contains("unsafe-inline"), csp);
        assertEquals("nosniff", root.headers().firstValue("x-content-type-options").orElseThrow());

        HttpResponse<String> deep = get("/c/some-community?tab=posts");
        assertEquals(200, deep.statusCode());
        assertEquals(root.body(), deep.body());
    }

    @Test
    void hashedAssetsAreCachedForAYearAndMissingOnesAre404() throws Exception {
        gateway(false);
        HttpResponse<String> asset = get("/assets/index-abc123.js");
        assertEquals(200, asset.statusCode());
        assertEquals("console.log(1)", asset.body());
        assertTrue(asset.headers().firstValue("content-type").orElseThrow().startsWith("text/javascript"));
        assertEquals("public, max-age=31536000, immutable", asset.headers().firstValue("cache-control").orElseThrow());
        assertEquals(404, get("/assets/gone-000.js").statusCode());
    }

    @Test
    void apiPathsKeepTheirRoutesAndUnknownApiPathsAreNotTheApp() throws Exception {
        gateway(true);
        assertEquals("upstream", get("/api/echo/1").body());
        HttpResponse<String> unknown = get("/api/nowhere");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.headers().firstValue("content-type").orElseThrow().startsWith("application/problem+json"));
    }

    @Test
    void devSignInMintsATokenForTheUserWithTheAdminGroupOnlyWhenAsked() throws Exception {
        gateway(true);
        HttpResponse<String> r = post("/dev/token", "{\"user\":\"小明\",\"admin\":true}");
        assertEquals(200, r.statusCode(), r.body());
        String token = r.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"sub\":\"小明\""), payload);
        assertTrue(payload.contains("\"groups\":[\"user\",\"platform-admin\"]"), payload);

        String plain = post("/dev/token", "{\"user\":\"bob\"}").body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        String plainPayload = new String(Base64.getUrlDecoder().decode(plain.split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(plainPayload.contains("\"groups\":[\"user\"]"), plainPayload);
        assertEquals("{\"mode\":\"dev\"}", get("/auth-config.json").body());
    }

    @Test
    void devSignInRefusesBadInputWithAProblem() throws Exception {
        gateway(true);
        for (String body : new String[] {"", "[]", "{\"user\":\"\"}", "{\"user\":\"a b\"}", "{\"user\":\"<script>\"}",
                "{\"user\":42}", "{\"user\":\"bob\",\"admin\":\"yes\"}", "{\"user\":\"" + "x".repeat(65) + "\"}"}) {
            HttpResponse<String> r = post("/dev/token", body);
            assertEquals(400, r.statusCode(), body + " → " + r.body());
            assertTrue(r.headers().firstValue("content-type").orElseThrow().startsWith("application/problem+json"));
        }
        assertEquals(405, get("/dev/token").statusCode());
    }

    @Test
    void withoutDevSignInThereIsNoTokenEndpoint() throws Exception {
        gateway(false);
        HttpResponse<String> r = post("/dev/token", "{\"user\":\"bob\"}");
        assertEquals(405, r.statusCode());
        assertFalse(r.body().contains("token\""), r.body());
        assertEquals("{\"mode\":\"none\"}", get("/auth-config.json").body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }
}
