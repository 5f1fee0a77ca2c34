package io.circles.local;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The API documentation at the gateway's {@code /api/docs}: Swagger UI (its own distribution, from the classpath, no
 * CDN) listing every service's OpenAPI document, each also at the stable path {@code /api/docs/<service>/openapi.json}
 * (fetched from the service's {@code /q/openapi}). "Try it out" calls go through this same gateway, and "Authorize"
 * takes a bearer token such as {@code ./circles token alice}.
 */
final class ApiDocs {

    static final String PREFIX = "/api/docs";

    private static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/";
    private static final String OWN = "io/circles/local/api-docs/";
    /** Swagger UI styles its widgets inline; scripts only from this origin, nothing from anywhere else. */
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "png", "image/png",
            "json", "application/json");

    private final HttpClient client;
    /** service name → port, in the order the page lists them. */
    private final Map<String, Integer> services;
    private final Map<String, Buffer> files = new ConcurrentHashMap<>();

    ApiDocs(HttpClient client, Map<String, Integer> services) {
        this.client = client;
        this.services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    /** True if the path is the documentation's (the caller then leaves the request to {@link #handle}). */
    static boolean owns(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    void handle(HttpServerRequest req) {
        String rest = req.path().substring(PREFIX.length());
        if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
            req.response().setStatusCode(405).putHeader("allow", "GET, HEAD")
                    .putHeader("content-type", "application/problem+json")
                    .end(LocalGateway.problem(405, "Method Not Allowed", "the API documentation is read-only"));
            return;
        }
        if (rest.isEmpty()) {
            req.response().setStatusCode(301).putHeader("location", PREFIX + "/").end();
        } else if (rest.equals("/")) {
            serve(req, OWN + "index.html");
        } else if (rest.equals("/services.json")) {
            req.response().putHeader("content-type", TYPES.get("json")).putHeader("cache-control", "no-cache")
                    .end(servicesJson());
        } else if (rest.equals("/api-docs.js")) {
            serve(req, OWN + "api-docs.js");
        } else if (rest.startsWith("/swagger-ui/") && !rest.contains("..")) {
            serve(req, SWAGGER_UI + rest.substring("/swagger-ui/".length()));
        } else if (rest.endsWith("/openapi.json") && services.containsKey(rest.substring(1, rest.length() - 13))) {
            document(req, services.get(rest.substring(1, rest.length() - 13)));
        } else {
            notFound(req);
        }
    }

    private String servicesJson() {
        return services.keySet().stream()
                .map(name -> "{\"name\":\"" + name + "\",\"url\":\"" + PREFIX + "/" + name + "/openapi.json\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** The service's own document, as it serves it: one source of truth, no copy at the gateway. */
    private void document(HttpServerRequest req, int port) {
        client.request(new RequestOptions().setHost("127.0.0.1").setPort(port).setURI("/q/openapi?format=json"))
                .compose(upstream -> upstream.send())
                .compose(response -> response.body().map(body -> new Object[] {response.statusCode(), body}))
                .onSuccess(answer -> req.response().setStatusCode((Integer) answer[0])
                        .putHeader("content-type", TYPES.get("json")).putHeader("cache-control", "no-cache")
                        .end((Buffer) answer[1]))
                .onFailure(error -> req.response().setStatusCode(502).putHeader("content-type", "application/problem+json")
                        .end(LocalGateway.problem(502, "Bad Gateway", "the service on port " + port
                                + " did not answer with its OpenAPI document: " + error.getMessage())));
    }

    private void serve(HttpServerRequest req, String resource) {
        Buffer body = files.computeIfAbsent(resource, ApiDocs::load);
        if (body.length() == 0) {
            notFound(req);
            return;
        }
        String extension = resource.substring(resource.lastIndexOf('.') + 1);
        req.response().putHeader("content-type", TYPES.getOrDefault(extension, "application/octet-stream"))
                .putHeader("content-security-policy", CSP)
                .putHeader("x-content-type-options", "nosniff")
                .putHeader("cache-control", resource.startsWith(SWAGGER_UI) ? "public, max-age=86400" : "no-cache")
                .end(body);
    }

    private static void notFound(HttpServerRequest req) {
        req.response().setStatusCode(404).putHeader("content-type", "application/problem+json")
                .end(LocalGateway.problem(404, "Not Found", "no such page of the API documentation: " + req.path()));
    }

    /** A classpath file's bytes; empty when there is none (cached too: the set of files never changes). */
    private static Buffer load(String resource) {
        try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? Buffer.buffer() : Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String swaggerUiVersion() {
        try (InputStream in = ApiDocs.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("Swagger UI (org.webjars:swagger-ui) is not on the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
