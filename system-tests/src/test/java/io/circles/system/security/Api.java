package io.circles.system.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A plain HTTP client for the security suites: sends exactly the bytes, headers and token it is given (no client-side
 * encoding or validation in the way of a hostile request) and closes event streams after their headers.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final String baseUrl;

    Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** What came back: status, content type and the body as text (empty for an event stream). */
    record Reply(int status, String contentType, String body, List<String> unsentHeaders) {

        Reply(int status, String contentType, String body) {
            this(status, contentType, body, List.of());
        }

        Reply {
            unsentHeaders = List.copyOf(unsentHeaders);
        }

        boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String field(String name) {
            JsonNode value = json().get(name);
            return value == null || value.isNull() ? null : value.asText();
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    Reply get(String path, String token) {
        return send("GET", path, token, null, null, Map.of());
    }

    Reply json(String method, String path, String token, String body) {
        return send(method, path, token, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                body == null ? null : "application/json", Map.of());
    }

    /** Any method, raw body bytes (null: none), content type (null: none) and extra headers. */
    Reply send(String method, String path, String token, byte[] body, String contentType,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        List<String> unsent = new ArrayList<>();
        headers.forEach((name, value) -> {
            // On the wire a header value is bytes: send non-ASCII text as its UTF-8 bytes, as a raw client would.
            String wire = new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            try {
                request.header(name, wire);
            } catch (IllegalArgumentException e) {
                // A name or value no HTTP/1.1 client can send (control characters, a restricted name): the request
                // goes without it, and the reply says so, so nobody takes it for tested.
                unsent.add(name);
            }
        });
        try {
            HttpResponse<InputStream> response = CLIENT.sendAsync(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream()).get(30, TimeUnit.SECONDS);
            String type = response.headers().firstValue("Content-Type").orElse(null);
            try (InputStream in = response.body()) {
                if (type != null && type.startsWith("text/event-stream")) {
                    return new Reply(response.statusCode(), type, "", unsent);
                }
                return new Reply(response.statusCode(), type, new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        unsent);
            }
        } catch (IOException | ExecutionException | TimeoutException e) {
            // No answer at all (reset, timeout): status 0, which no expectation accepts.
            return new Reply(0, null, method + " " + path + " got no answer: " + e, unsent);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
