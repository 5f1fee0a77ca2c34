package io.circles.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.test.Tokens;

/** Calls through the gateway as a given user, the way a client app does; thread-safe. */
final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String[] groups;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** Calls to {@code baseUrl} with tokens in {@code groups} (none: plain users). */
    Http(String baseUrl, String... groups) {
        this.baseUrl = baseUrl;
        this.groups = groups.clone();
    }

    /** A call's outcome: status (-1 when no response came), the Retry-After and Content-Type headers, the body. */
    record Reply(int status, String retryAfter, String contentType, String body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + (retryAfter == null ? "" : " Retry-After " + retryAfter) + " " + contentType + " "
                    + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    Reply get(String user, String path) {
        return send(user, "GET", path, null);
    }

    Reply post(String user, String path, String body) {
        return send(user, "POST", path, body);
    }

    Reply put(String user, String path, String body) {
        return send(user, "PUT", path, body);
    }

    Reply delete(String user, String path) {
        return send(user, "DELETE", path, null);
    }

    Reply send(String user, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + Tokens.forUser(user, groups));
        if (body != null) {
            request.header("Content-Type", "application/json");
            if ("POST".equals(method)) {
                request.header("Idempotency-Key", UUID.randomUUID().toString());
            }
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            return new Reply(-1, null, "", method + " " + path + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(-1, null, "", method + " " + path + ": interrupted");
        }
    }

    static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
