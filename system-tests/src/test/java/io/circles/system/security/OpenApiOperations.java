package io.circles.system.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.circles.local.LocalService;
import io.circles.system.PlatformUnderTest;

/** Every operation the running services declare in their OpenAPI documents ({@code GET /q/openapi}). */
final class OpenApiOperations {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    /** One operation: its service, method and path template, and its OpenAPI description. */
    record Operation(String service, String method, String path, JsonNode spec, JsonNode document) {

        String key() {
            return method + " " + path;
        }

        /** Parameters of one kind: path, query or header. */
        List<JsonNode> parameters(String in) {
            List<JsonNode> found = new ArrayList<>();
            spec.path("parameters").forEach(parameter -> {
                if (in.equals(parameter.path("in").asText())) {
                    found.add(parameter);
                }
            });
            return found;
        }

        /** The JSON schema of the request body, references resolved at the top level (null: no JSON body). */
        JsonNode bodySchema() {
            JsonNode schema = spec.path("requestBody").path("content").path("application/json").path("schema");
            return schema.isMissingNode() ? null : resolve(schema);
        }

        boolean takesBody() {
            return spec.has("requestBody");
        }

        JsonNode resolve(JsonNode schema) {
            JsonNode current = schema;
            while (current.has("$ref")) {
                String name = current.get("$ref").asText().replace("#/components/schemas/", "");
                current = document.path("components").path("schemas").path(name);
            }
            return current;
        }
    }

    private static List<Operation> cached;

    private OpenApiOperations() {
    }

    static synchronized List<Operation> all() {
        if (cached == null) {
            PlatformUnderTest platform = PlatformUnderTest.get();
            List<Operation> operations = new ArrayList<>();
            for (LocalService service : platform.services()) {
                Api.Reply reply = new Api(service.baseUrl()).get("/q/openapi?format=json", null);
                if (reply.status() != 200) {
                    throw new IllegalStateException(service.name() + " serves no OpenAPI document: " + reply);
                }
                JsonNode document = reply.json();
                for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
                    for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                        if (METHODS.contains(method.getKey())) {
                            operations.add(new Operation(service.name(), method.getKey().toUpperCase(), path.getKey(),
                                    method.getValue(), document));
                        }
                    }
                }
            }
            cached = List.copyOf(operations);
        }
        return cached;
    }
}
