package io.circles.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiDocsTest {

    private static final String DOCUMENT = "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"Circles community-service\"}}";

    private HttpServer service;
    private LocalGateway gateway;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/q/openapi", exchange -> {
            boolean json = "format=json".equals(exchange.getRequestURI().getQuery());
            byte[] body = (json ? DOCUMENT : "openapi: 3.1.0").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        service.start();
        gateway = LocalGateway.start(0, Map.of("/api/communities", service.getAddress().getPort()),
                Map.of("community-service", service.getAddress().getPort()), null);
    }

    @AfterEach
    void stop() {
        gateway.close();
        service.stop(0);
    }

    @Test
    void thePageLoadsSwaggerUiFromTheGatewayItselfWithoutInlineScripts() throws Exception {
        HttpResponse<String> page = get("/api/docs/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("content-security-policy").orElse("").contains("script-src 'self'"));
        assertTrue(page.body().contains("<script src=\"swagger-ui/swagger-ui-bundle.js\"></script>"), page.body());
        assertTrue(!page.body().contains("<script>"), "no inline script");
        HttpResponse<String> bundle = get("/api/docs/swagger-ui/swagger-ui-bundle.js");
        assertEquals(200, bundle.statusCode());
        assertTrue(bundle.body().contains("SwaggerUIBundle"), "Swagger UI's own bundle");
        assertEquals(200, get("/api/docs/api-docs.js").statusCode());
        assertEquals(301, get("/api/docs").statusCode());
    }

    @Test
    void eachServicesDocumentHasAStablePathAtTheGatewayAndIsListed() throws Exception {
        assertEquals("[{\"name\":\"community-service\",\"url\":\"/api/docs/community-service/openapi.json\"}]",
                get("/api/docs/services.json").body());
        HttpResponse<String> document = get("/api/docs/community-service/openapi.json");
        assertEquals(200, document.statusCode());
        assertEquals(DOCUMENT, document.body(), "the service's own JSON document, unchanged");
    }

    @Test
    void unknownPagesAndServicesAre404AndNothingEscapesTheDistribution() throws Exception {
        assertEquals(404, get("/api/docs/feed-service/openapi.json").statusCode());
        assertEquals(404, get("/api/docs/swagger-ui/no-such-file.js").statusCode());
        assertEquals(404, get("/api/docs/swagger-ui/..%2F..%2Fpom.properties").statusCode());
        assertEquals("application/problem+json",
                get("/api/docs/nothing").headers().firstValue("content-type").orElse(""));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
