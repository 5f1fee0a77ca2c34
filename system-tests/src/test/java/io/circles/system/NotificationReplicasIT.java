package io.circles.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.local.LocalService;
import io.circles.test.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two notification-service replicas in one consumer group: a comment reaches the post's author on a stream held by
 * each of them. Only one replica consumes the comment's event, so at least one of the two streams is served across
 * replicas (through PostgreSQL's NOTIFY).
 */
class NotificationReplicasIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static PlatformUnderTest platform;
    private static LocalService replica;

    @BeforeAll
    static void startASecondReplica() throws IOException {
        platform = PlatformUnderTest.get();
        Path repo = Path.of("").toAbsolutePath().getParent();
        Map<String, String> config = new HashMap<>(platform.infrastructure().quarkusConfig("notification"));
        config.put("mp.jwt.verify.publickey.location",
                repo.resolve("platform-runtime/src/main/resources/dev-keys/jwt-public.pem").toString());
        replica = LocalService.start("notification-service-2",
                repo.resolve("system-tests/target/apps/notification-service/quarkus-run.jar"), freePort(), config,
                Path.of("target", "service-logs", "notification-service-2.log").toAbsolutePath());
        replica.awaitReady(Duration.ofSeconds(180));
    }

    @AfterAll
    static void stop() {
        if (replica != null) {
            replica.stop();
        }
    }

    @Test
    void aNewNotificationReachesTheUsersStreamsOnEveryReplica() throws Exception {
        String author = Tokens.newUserId("author");
        String friend = Tokens.newUserId("friend");
        String community = created(author, "/api/communities", """
                {"name":"Night Owls","description":"Late rides","interests":["cycling"],"city":"Hangzhou",
                 "location":{"lat":30.27,"lon":120.15},"visibility":"PUBLIC"}""");
        created(friend, "/api/communities/" + community + "/members", "{}");
        String post = created(author, "/api/communities/" + community + "/posts",
                "{\"text\":\"Who is in tonight?\",\"media\":[]}");

        URL first = new URL(platform.service("notification-service").baseUrl() + "/api/notifications/stream");
        URL second = new URL(replica.baseUrl() + "/api/notifications/stream");
        try (LiveStream one = LiveStream.open(first, author); LiveStream two = LiveStream.open(second, author)) {
            SseEvents onFirst = new SseEvents(one, JSON);
            SseEvents onSecond = new SseEvents(two, JSON);
            assertEquals(0, onFirst.next("unread-count").get("count").asLong());
            assertEquals(0, onSecond.next("unread-count").get("count").asLong());

            created(friend, "/api/posts/" + post + "/comments", "{\"text\":\"Me!\"}");

            for (SseEvents stream : new SseEvents[] {onFirst, onSecond}) {
                JsonNode notification = stream.next("notification");
                assertEquals("POST_COMMENTED", notification.get("type").asText());
                assertEquals(friend, notification.get("actors").get(0).get("id").asText());
                assertEquals(1, stream.next("unread-count").get("count").asLong());
            }
        }
    }

    private static String created(String user, String path, String body) {
        return given().baseUri(platform.gatewayUrl()).header("Authorization", Tokens.bearer(user))
                .contentType("application/json").body(body)
                .when().post(path)
                .then().statusCode(201).extract().path("id");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
