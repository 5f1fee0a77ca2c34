package io.circles.event;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.circles.events.Topics;
import io.circles.events.community.CommunityCreated;
import io.circles.events.community.MemberBanned;
import io.circles.events.community.MemberJoined;
import io.circles.events.community.MemberLeft;
import io.circles.events.community.MemberRoleChanged;
import io.circles.test.KafkaProbe;
import io.circles.test.Rows;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Test set-up: feeds community events to the service the way community-service would, waits until the membership
 * projection has them, and makes the usual HTTP calls.
 */
public final class Scenario {

    private Scenario() {
    }

    /** A new community with its owner as first member, as seen by this service's projection. */
    public static String community(String owner, String visibility) {
        return community(owner, visibility, "coffee", 30.27, 120.15);
    }

    public static String community(String owner, String visibility, String interest, double lat, double lon) {
        String id = UUID.randomUUID().toString();
        publish(CommunityCreated.TYPE, id, id, "{\"communityId\":\"" + id + "\",\"name\":\"Coffee " + id
                + "\",\"description\":null,\"interests\":[\"" + interest + "\"],\"city\":\"Hangzhou\",\"lat\":" + lat
                + ",\"lon\":" + lon + ",\"visibility\":\"" + visibility + "\",\"ownerId\":\"" + owner
                + "\",\"createdAt\":\"" + Instant.now() + "\"}");
        publishJoined(id, owner, "OWNER");
        awaitMembers(id, 1);
        return id;
    }

    public static void join(String communityId, String user) {
        join(communityId, user, "MEMBER");
    }

    public static void join(String communityId, String user, String role) {
        long before = members(communityId);
        publishJoined(communityId, user, role);
        awaitMembers(communityId, before + 1);
    }

    /** Joins many users at once (one producer for all) and waits for all of them. */
    public static void joinAll(String communityId, Collection<String> users) {
        long before = members(communityId);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                PlatformTestResource.infrastructure().kafka().bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (String user : users) {
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.COMMUNITY_EVENTS, communityId,
                        "{\"communityId\":\"" + communityId + "\",\"userId\":\"" + user
                                + "\",\"role\":\"MEMBER\",\"joinedAt\":\"" + Instant.now() + "\"}");
                headers(UUID.randomUUID().toString(), MemberJoined.TYPE, communityId + "/members/" + user)
                        .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
                producer.send(record);
            }
            producer.flush();
        }
        awaitMembers(communityId, before + users.size());
    }

    public static void promote(String communityId, String user, String role) {
        publish(MemberRoleChanged.TYPE, communityId, communityId + "/members/" + user, "{\"communityId\":\""
                + communityId + "\",\"userId\":\"" + user + "\",\"role\":\"" + role + "\",\"changedBy\":\"x\","
                + "\"changedAt\":\"" + Instant.now() + "\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> count(
                "select count(*) from community_member where community_id = ? and user_id = ? and role = ?",
                communityId, user, role) == 1);
    }

    public static void leave(String communityId, String user) {
        publish(MemberLeft.TYPE, communityId, communityId + "/members/" + user, "{\"communityId\":\"" + communityId
                + "\",\"userId\":\"" + user + "\",\"leftAt\":\"" + Instant.now() + "\"}");
        awaitGone(communityId, user);
    }

    public static void ban(String communityId, String user) {
        publish(MemberBanned.TYPE, communityId, communityId + "/members/" + user, "{\"communityId\":\""
                + communityId + "\",\"userId\":\"" + user + "\",\"bannedBy\":\"owner\",\"reason\":\"spam\","
                + "\"bannedAt\":\"" + Instant.now() + "\"}");
        awaitGone(communityId, user);
    }

    public static void publish(String type, String communityId, String subject, String payload) {
        publish(UUID.randomUUID().toString(), type, communityId, subject, payload);
    }

    public static void publish(String eventId, String type, String communityId, String subject, String payload) {
        KafkaProbe.publish(Topics.COMMUNITY_EVENTS, communityId, headers(eventId, type, subject), payload);
    }

    private static Map<String, String> headers(String eventId, String type, String subject) {
        Map<String, String> headers = new HashMap<>();
        headers.put("ce_id", eventId);
        headers.put("ce_type", type);
        headers.put("ce_source", "/community-service");
        headers.put("ce_subject", subject);
        headers.put("ce_time", Instant.now().toString());
        headers.put("ce_specversion", "1.0");
        headers.put("content-type", "application/json");
        return headers;
    }

    private static void publishJoined(String communityId, String user, String role) {
        publish(MemberJoined.TYPE, communityId, communityId + "/members/" + user, "{\"communityId\":\""
                + communityId + "\",\"userId\":\"" + user + "\",\"role\":\"" + role + "\",\"joinedAt\":\""
                + Instant.now() + "\"}");
    }

    private static void awaitMembers(String communityId, long expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> members(communityId) >= expected);
    }

    private static void awaitGone(String communityId, String user) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> count(
                "select count(*) from community_member where community_id = ? and user_id = ?", communityId,
                user) == 0);
    }

    private static long members(String communityId) {
        return count("select count(*) from community_member where community_id = ?", communityId);
    }

    /** Rows of event-service's own tables ({@link Rows#count}): to wait for set-up, or to assert what was stored. */
    public static long count(String sql, Object... args) {
        return Rows.count(sql, args);
    }

    // --- HTTP ---

    public static Instant inDays(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    }

    public static String activityJson(String communityId, int capacity, Instant startsAt) {
        return "{\"communityId\":\"" + communityId + "\",\"title\":\"Morning cupping\",\"description\":\"Bring a mug\","
                + "\"startsAt\":\"" + startsAt + "\",\"endsAt\":\"" + startsAt.plus(2, ChronoUnit.HOURS)
                + "\",\"venue\":{\"name\":\"Roastery\",\"address\":\"1 West Lake Rd\",\"lat\":30.26,\"lon\":120.16},"
                + "\"capacity\":" + capacity + "}";
    }

    public static ValidatableResponse postActivity(String user, String json) {
        return given().auth().oauth2(Tokens.forUser(user)).contentType(ContentType.JSON).body(json)
                .when().post("/api/activities").then();
    }

    /** Schedules an activity a week ahead and returns its id. */
    public static String activity(String organizer, String communityId, int capacity) {
        return postActivity(organizer, activityJson(communityId, capacity, inDays(7)))
                .statusCode(201).extract().path("id");
    }

    public static ValidatableResponse rsvp(String user, String activityId, int guests) {
        return given().auth().oauth2(Tokens.forUser(user)).contentType(ContentType.JSON)
                .body("{\"guests\":" + guests + "}")
                .when().put("/api/activities/" + activityId + "/rsvps/me").then();
    }

    public static ValidatableResponse cancelRsvp(String user, String activityId) {
        return given().auth().oauth2(Tokens.forUser(user))
                .when().delete("/api/activities/" + activityId + "/rsvps/me").then();
    }

    public static ValidatableResponse getActivity(String user, String activityId) {
        return given().auth().oauth2(Tokens.forUser(user)).when().get("/api/activities/" + activityId).then();
    }
}
