package io.circles.system.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.circles.system.security.OpenApiOperations.Operation;
import io.circles.system.security.SecurityWorld.Community;
import io.circles.test.Tokens;

/**
 * Generates a hostile request for an operation from its OpenAPI description: path ids, query parameters, headers and
 * a body built from the schema and then broken — wrong types, missing and extra fields, huge, deeply nested or
 * oversized payloads, unicode edge cases, SQL and script text, negative and overflowing numbers, malformed ids — all
 * drawn from one seeded random source, so a seed replays the same request.
 */
final class HostileRequests {

    /** The platform's body limit (quarkus.http.limits.max-body-size). */
    static final int MAX_BODY = 256 * 1024;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Stands for a lone UTF-16 surrogate, which JSON can carry only as an escape: swapped in after serializing. */
    private static final String LONE_SURROGATE = "\u0001lone\u0001";

    private static final List<String> HOSTILE_TEXT = List.of(
            "' OR '1'='1", "'; drop table community; --", "\" or \"\"=\"", "1; select pg_sleep(5)",
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{7*7}}", "${jndi:ldap://x/a}",
            "../../../../etc/passwd", "%00", "\u0000", "a\u0000b", LONE_SURROGATE, "x" + LONE_SURROGATE,
            "\u202Eevil\u202C", "\u200B", "\uFEFF", "😀🏳️‍🌈👩‍👩‍👧", "e\u0301\u0301\u0301", "ﷺ", "𝕳𝖊𝖑𝖑𝖔",
            " ", "\t\n", "", "null", "true", "-1", "NaN", "\\", "\"", "%s%s%s%n", "\r\nX-Injected: 1");

    private static final List<String> HOSTILE_IDS = List.of(
            "00000000-0000-0000-0000-000000000000", "not-a-uuid", "-1", "0", "99999999999999999999",
            "' OR '1'='1", "..", "%2e%2e%2f", "%00", "%F0%9F%98%80", "%E2%80%AE", "%ED%A0%80", "null",
            "<script>", "a%20b", "x".repeat(3000));

    private static final List<String> HOSTILE_NUMBERS = List.of(
            "-1", "0", "-2147483649", "2147483648", "9223372036854775808", "-9223372036854775809", "1e308",
            "-1e308", "1e999", "1.5", "-0.0", "0x10", "1_000", "Infinity", "NaN");

    private static final List<String> CONTENT_TYPES = List.of(
            "application/json", "application/json; charset=utf-16", "text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=x",
            "*/*", "application/problem+json");

    private final SecurityWorld world;
    private final SplittableRandom random;

    /** A generated request and a short description to replay and report it. */
    record Hostile(String method, String path, String token, byte[] body, String contentType,
            Map<String, String> headers, String description) {

        boolean oversized() {
            return body != null && body.length > MAX_BODY;
        }
    }

    HostileRequests(SecurityWorld world, SplittableRandom random) {
        this.world = world;
        this.random = random;
    }

    Hostile generate(Operation operation) {
        List<String> notes = new ArrayList<>();
        String path = path(operation, notes);
        String query = query(operation, notes);
        Map<String, String> headers = headers(operation, notes);
        byte[] body = null;
        String contentType = null;
        if (operation.takesBody() || chance(0.1)) {
            contentType = chance(0.8) ? "application/json" : pick(CONTENT_TYPES);
            body = body(operation, notes);
            if (body == null) {
                contentType = chance(0.5) ? contentType : null;
            }
        }
        return new Hostile(operation.method(), path + query, caller(operation), body, contentType, headers,
                operation.key() + " " + String.join("; ", notes));
    }

    /** The user with rights over the fixtures, so requests get past authorization to the input handling. */
    private String caller(Operation operation) {
        if (operation.path().startsWith("/api/merchants") || operation.path().startsWith("/api/promotions")) {
            return world.token(Role.MERCHANT_OWNER);
        }
        if (operation.path().startsWith("/api/feeds")) {
            return world.token(Role.OUTSIDER);
        }
        return world.token(Role.OWNER);
    }

    private String path(Operation operation, List<String> notes) {
        String path = operation.path();
        for (JsonNode parameter : operation.parameters("path")) {
            String name = parameter.path("name").asText();
            String value;
            if (chance(0.25)) {
                String hostile = pick(HOSTILE_IDS);
                notes.add("path " + name + "=" + abbreviate(hostile));
                // Ids written percent-encoded are sent as they are, to reach the service still encoded.
                value = hostile.startsWith("%") || hostile.contains("%2") ? hostile : encode(hostile);
            } else {
                value = validId(operation, name);
            }
            path = path.replace("{" + name + "}", value);
        }
        return path;
    }

    /** A real id for a path parameter; operations that use up or hand over their target get a fresh one. */
    private String validId(Operation operation, String name) {
        Community community = world.community(random.nextBoolean());
        String key = operation.key();
        return switch (key) {
            case "DELETE /api/communities/{id}" -> world.community(community.visibility, 0).id;
            case "PUT /api/communities/{id}/members/{userId}/role" -> "id".equals(name) ? community.id
                    : world.newMember(community);
            case "DELETE /api/posts/{postId}", "POST /api/posts/{postId}/hide" -> world.post(community, "Fuzz");
            case "POST /api/activities/{id}/cancel" -> world.activity(community);
            case "POST /api/merchants/{id}/suspend" -> world.merchant(Role.MERCHANT_OWNER);
            case "POST /api/merchants/{id}/reject" -> world.pendingMerchant(Role.MERCHANT_OWNER);
            case "DELETE /api/merchants/{id}/posts/{postId}" -> "id".equals(name) ? world.merchant
                    : world.merchantPost(world.merchant, Role.MERCHANT_OWNER);
            default -> {
                if (key.startsWith("/api/communities", key.indexOf(' ') + 1)) {
                    yield "id".equals(name) ? community.id : Tokens.newUserId("someone");
                }
                if (key.contains("/api/topics/")) {
                    yield "hiking";
                }
                if (key.contains("/api/posts/")) {
                    yield community.postId;
                }
                if (key.contains("/api/activities/")) {
                    yield "id".equals(name) ? community.activityId : Tokens.newUserId("someone");
                }
                if (key.contains("/api/promotions/")) {
                    yield world.promotion;
                }
                if (key.contains("/api/feeds/merchants/") || key.contains("/api/merchants/")) {
                    yield switch (name) {
                        case "postId" -> world.merchantPost;
                        case "productId" -> world.product;
                        default -> world.merchant;
                    };
                }
                yield community.id;
            }
        };
    }

    private String query(Operation operation, List<String> notes) {
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : operation.parameters("query")) {
            if (chance(0.5)) {
                continue;
            }
            String name = parameter.path("name").asText();
            String value = chance(0.5) ? validText(parameter.path("schema"), name) : hostileScalar();
            notes.add("query " + name + "=" + abbreviate(value));
            query.append(query.length() == 0 ? '?' : '&').append(name).append('=').append(encode(value));
        }
        if (chance(0.1)) {
            query.append(query.length() == 0 ? '?' : '&').append("admin=true&limit=-1&limit=100000");
            notes.add("extra query");
        }
        return query.toString();
    }

    private Map<String, String> headers(Operation operation, List<String> notes) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (!operation.parameters("header").isEmpty() && chance(0.5)) {
            String key = chance(0.5) ? printable(pick(HOSTILE_TEXT)) : "k".repeat(1 + random.nextInt(5000));
            if (!key.isBlank()) {
                headers.put("Idempotency-Key", key);
                notes.add("Idempotency-Key=" + abbreviate(key));
            }
        }
        if (chance(0.2)) {
            headers.put("Accept", pick(List.of("application/xml", "text/html", "image/png", "*/*;q=0")));
            notes.add("Accept=" + headers.get("Accept"));
        }
        if (chance(0.1)) {
            headers.put("X-Forwarded-For", "' OR 1=1 --");
            headers.put("X-User-Id", world.user(Role.ADMIN));
            notes.add("spoofing headers");
        }
        return headers;
    }

    private byte[] body(Operation operation, List<String> notes) {
        JsonNode schema = operation.bodySchema();
        int strategy = random.nextInt(100);
        if (strategy < 4) {
            notes.add("no body");
            return null;
        }
        if (strategy < 8) {
            notes.add("oversized body");
            return ("{\"text\":\"" + "a".repeat(MAX_BODY + 1 + random.nextInt(MAX_BODY)) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        if (strategy < 12) {
            int depth = 1_000 + random.nextInt(60_000);
            notes.add("nested " + depth + " deep");
            String open = chance(0.5) ? "[" : "{\"a\":";
            String close = open.equals("[") ? "]" : "}";
            return (open.repeat(depth) + "1" + close.repeat(depth)).getBytes(StandardCharsets.UTF_8);
        }
        if (strategy < 18) {
            String raw = pick(List.of("", "{", "}", "null", "[]", "[{}]", "\"text\"", "123", "true", "{\"a\":}",
                    "{'single':'quotes'}", "{\"a\":1,}", "{\"a\":NaN}", "{\"a\":01}", "\u0000", "<xml/>",
                    "{\"a\":\"\\ud800\"}", "{\"a\":\"\\u0000\"}"));
            notes.add("raw " + abbreviate(raw));
            return raw.getBytes(StandardCharsets.UTF_8);
        }
        JsonNode valid = schema == null ? NODES.objectNode().put("text", "hello") : value(operation, schema, "");
        JsonNode broken = valid.deepCopy();
        int mutations = strategy < 30 ? 0 : 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            broken = mutate(operation, broken, notes);
        }
        if (mutations == 0) {
            notes.add("valid body");
        }
        byte[] bytes = serialize(broken);
        if (chance(0.05)) {
            notes.add("invalid UTF-8");
            bytes = withInvalidUtf8(bytes);
        }
        return bytes;
    }

    /** A value that satisfies the schema, with real ids where a field names one. */
    private JsonNode value(Operation operation, JsonNode rawSchema, String name) {
        JsonNode schema = operation.resolve(rawSchema);
        String type = schema.path("type").asText("object");
        if (schema.has("enum")) {
            return schema.get("enum").get(random.nextInt(schema.get("enum").size()));
        }
        return switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                List<String> required = new ArrayList<>();
                schema.path("required").forEach(field -> required.add(field.asText()));
                schema.path("properties").properties().forEach(property -> {
                    if (required.contains(property.getKey()) || chance(0.6)) {
                        object.set(property.getKey(), value(operation, property.getValue(), property.getKey()));
                    }
                });
                yield object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int items = 1 + random.nextInt(Math.max(1, Math.min(3, schema.path("maxItems").asInt(3))));
                for (int i = 0; i < items; i++) {
                    array.add(value(operation, schema.path("items"), name));
                }
                yield array;
            }
            case "integer" -> NODES.numberNode(integer(schema, name));
            case "number" -> NODES.numberNode("lon".equals(name) ? 120.14 : 30.26);
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            default -> NODES.textNode(validText(schema, name));
        };
    }

    private long integer(JsonNode schema, String name) {
        long min = schema.path("minimum").asLong(0);
        long max = schema.path("maximum").asLong(1000);
        return switch (name) {
            case "capacity" -> 20;
            case "guests" -> random.nextInt(3);
            case "budgetImpressions" -> 100;
            default -> Math.max(min, Math.min(max, 1 + random.nextInt(100)));
        };
    }

    private String validText(JsonNode schema, String name) {
        if (schema.path("format").asText().equals("date-time") || name.endsWith("At") || "from".equals(name)
                || "to".equals(name)) {
            Instant base = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            return switch (name) {
                case "endsAt" -> base.plus(3, ChronoUnit.HOURS).toString();
                case "rsvpOpensAt" -> Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
                        .toString();
                case "rsvpClosesAt" -> base.minus(1, ChronoUnit.HOURS).toString();
                default -> base.toString();
            };
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0).asText();
        }
        return switch (name) {
            case "communityId" -> world.community(random.nextBoolean()).id;
            case "postId" -> world.merchantPost;
            case "userId" -> chance(0.5) ? world.publicCommunity.takeAttendee() : Tokens.newUserId("someone");
            case "currency" -> "CNY";
            case "category" -> "cafe";
            case "licenseNumber" -> SecurityWorld.newLicence();
            case "url", "coverUrl", "images" -> "https://cdn.example.com/p.jpg";
            case "type" -> "IMAGE";
            case "visibility" -> "PUBLIC";
            case "role" -> "MEMBER";
            case "sort" -> "new";
            case "near" -> "30.26,120.14";
            case "limit" -> "20";
            case "radiusKm" -> "5";
            case "city", "cities" -> SecurityWorld.CITY;
            case "interest", "interests" -> "cycling";
            default -> "Fuzz " + random.nextInt(1000);
        };
    }

    private JsonNode mutate(Operation operation, JsonNode node, List<String> notes) {
        if (!(node instanceof ObjectNode object) || object.isEmpty() || chance(0.1)) {
            notes.add("body replaced by " + node.getNodeType() + " → array");
            return NODES.arrayNode().add(node);
        }
        List<String> fields = new ArrayList<>();
        object.fieldNames().forEachRemaining(fields::add);
        String field = pick(fields);
        JsonNode current = object.get(field);
        if (current instanceof ObjectNode nested && !nested.isEmpty() && chance(0.5)) {
            object.set(field, mutate(operation, nested, notes));
            return object;
        }
        int kind = random.nextInt(9);
        switch (kind) {
            case 0 -> {
                object.remove(field);
                notes.add("without " + field);
            }
            case 1 -> {
                object.putNull(field);
                notes.add(field + "=null");
            }
            case 2 -> {
                JsonNode wrong = current.isTextual() ? NODES.numberNode(random.nextInt())
                        : current.isNumber() ? NODES.textNode("twelve") : NODES.textNode("x");
                object.set(field, chance(0.3) ? NODES.objectNode().set("nested", wrong) : wrong);
                notes.add(field + " of the wrong type");
            }
            case 3 -> {
                String text = pick(HOSTILE_TEXT);
                object.put(field, text);
                notes.add(field + "=" + abbreviate(text));
            }
            case 4 -> {
                int length = pick(List.of(41, 81, 121, 301, 501, 2001, 4001, 5001, 100_000, 200_000));
                object.put(field, pick(List.of("a", "é", "😀", "\u202E")).repeat(length));
                notes.add(field + " of " + length + " characters");
            }
            case 5 -> {
                String number = pick(HOSTILE_NUMBERS);
                object.set(field, rawNumber(number));
                notes.add(field + "=" + number);
            }
            case 6 -> {
                ArrayNode many = NODES.arrayNode();
                int size = pick(List.of(0, 10, 11, 1000));
                for (int i = 0; i < size; i++) {
                    many.add(current.isArray() && !current.isEmpty() ? current.get(0) : current);
                }
                object.set(field, many);
                notes.add(field + " as " + size + " items");
            }
            case 7 -> {
                object.put(field, pick(List.of("2026-13-45T99:99:99Z", "0000-01-01T00:00:00Z",
                        "+999999999-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "yesterday", "2026-11-30")));
                notes.add(field + " as a bad time");
            }
            default -> {
                String extra = pick(List.of("id", "ownerId", "role", "isAdmin", "status", "memberCount",
                        "impressionsServed", "__proto__", "createdAt", "authorId"));
                object.put(extra, pick(List.of("OWNER", "true", world.user(Role.ADMIN), "999999")));
                notes.add("extra " + extra);
            }
        }
        return object;
    }

    private JsonNode rawNumber(String number) {
        try {
            return Api.JSON.readTree(number);
        } catch (IOException e) {
            return NODES.textNode(number);
        }
    }

    private String hostileScalar() {
        return switch (random.nextInt(3)) {
            case 0 -> pick(HOSTILE_NUMBERS);
            case 1 -> pick(HOSTILE_TEXT);
            default -> pick(HOSTILE_IDS);
        };
    }

    private static byte[] serialize(JsonNode node) {
        try {
            String json = Api.JSON.writeValueAsString(node).replace("\\u0001lone\\u0001", "\\ud800");
            return json.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] withInvalidUtf8(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = random.nextInt(bytes.length + 1);
        out.write(bytes, 0, at);
        byte[] bad = pick(List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}));
        out.write(bad, 0, bad.length);
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    /** Percent-encodes everything outside the unreserved set, so the text reaches the service as generated. */
    private static String encode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.replace(LONE_SURROGATE, "\uFFFD").getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~,".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return encoded.toString();
    }

    private static String printable(String text) {
        return text.replace(LONE_SURROGATE, "").replaceAll("[\\p{Cntrl}\\u0080-\\uFFFF]", "?");
    }

    private static String abbreviate(String text) {
        String shown = text.replace(LONE_SURROGATE, "<lone surrogate>");
        return shown.length() > 40 ? shown.substring(0, 40) + "…(" + shown.length() + ")" : shown;
    }

    private boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
