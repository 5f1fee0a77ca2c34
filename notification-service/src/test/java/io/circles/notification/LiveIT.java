package io.circles.notification;

import static io.circles.notification.NotificationTypesIT.comment;
import static io.circles.notification.NotificationTypesIT.post;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The live stream: the unread count at once, then each new notification and count as it commits. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "notification"))
class LiveIT {

    @Inject
    ObjectMapper json;

    @TestHTTPResource("/api/notifications/stream")
    URL stream;

    @Test
    void anOpenStreamReceivesTheNewNotificationAndTheNewCount() throws Exception {
        Published events = new Published(json);
        String author = Tokens.newUserId("author");
        String community = UUID.randomUUID().toString();
        String post = post(events, community, author, "PUBLIC");
        try (LiveStream live = LiveStream.open(stream, author)) {
            SseEvents sse = new SseEvents(live, json);
            assertEquals(0, sse.next("unread-count").get("count").asLong());

            String friend = Tokens.newUserId("friend");
            events.publish(comment(post, community, friend, "live!"));
            JsonNode notification = sse.next("notification");
            assertEquals("POST_COMMENTED", notification.get("type").asText());
            assertEquals(friend, notification.get("actors").get(0).get("id").asText());
            assertEquals(1, sse.next("unread-count").get("count").asLong());

            given().header("Authorization", Tokens.bearer(author)).post("/api/notifications/read-all")
                    .then().statusCode(204);
            assertEquals(0, sse.next("unread-count").get("count").asLong());
        }
    }

    @Test
    void theStreamNeedsAToken() throws Exception {
        given().get("/api/notifications/stream").then().statusCode(401);
        assertTrue(stream.getPath().endsWith("/stream"));
    }
}
