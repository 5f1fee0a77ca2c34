package io.circles.notification;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.circles.test.Tokens;
import io.restassured.path.json.JsonPath;
import org.awaitility.Awaitility;

/** Reads users' notifications through the API, as their apps do. */
final class Inboxes {

    private Inboxes() {
    }

    /** The user's newest notifications (up to 100). */
    static List<Map<String, Object>> of(String user) {
        return page(user, "").getList("items");
    }

    static JsonPath page(String user, String query) {
        return given().header("Authorization", Tokens.bearer(user))
                .get("/api/notifications" + query)
                .then().statusCode(200).extract().jsonPath();
    }

    static long unread(String user) {
        return given().header("Authorization", Tokens.bearer(user))
                .get("/api/notifications/unread-count")
                .then().statusCode(200).extract().jsonPath().getLong("count");
    }

    /** The user's notifications of {@code type}, once at least {@code count} of them are there. */
    static List<Map<String, Object>> awaitAll(String user, String type, int count) {
        return awaitUntil(user, items -> ofType(items, type).size() >= count).stream()
                .filter(item -> type.equals(item.get("type"))).toList();
    }

    /** The first notification of {@code type} the user has, once there. */
    static Map<String, Object> awaitOne(String user, String type) {
        return awaitAll(user, type, 1).get(0);
    }

    static List<Map<String, Object>> awaitUntil(String user, Predicate<List<Map<String, Object>>> done) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> of(user), done);
    }

    static List<Map<String, Object>> ofType(List<Map<String, Object>> items, String type) {
        return items.stream().filter(item -> type.equals(item.get("type"))).toList();
    }

    @SuppressWarnings("unchecked")
    static List<String> actorIds(Map<String, Object> notification) {
        return ((List<Map<String, Object>>) notification.get("actors")).stream()
                .map(actor -> (String) actor.get("id")).toList();
    }
}
