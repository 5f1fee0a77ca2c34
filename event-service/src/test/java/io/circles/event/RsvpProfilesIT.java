package io.circles.event;

import static io.circles.event.Scenario.activity;
import static io.circles.event.Scenario.community;
import static io.circles.event.Scenario.joinAll;
import static io.circles.event.Scenario.rsvp;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.Topics;
import io.circles.events.people.ProfileUpdated;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.ReceivedEvent;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * RSVP lists carry each attendee's {@code authorProfile}, from profile-updated events on people.events.v1 published
 * the way community-service publishes them (keyed by user id).
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "event"))
class RsvpProfilesIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DEAD_LETTERS = Topics.deadLetter(Topics.PEOPLE_EVENTS, "event-service");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void attendeesShowTheirPublishedProfileAndThoseWithoutOneShowTheirId() {
        String owner = Tokens.newUserId("owner");
        String ana = Tokens.newUserId("ana");
        String ben = Tokens.newUserId("ben");
        String cy = Tokens.newUserId("cy");
        String community = community(owner, "PUBLIC");
        joinAll(community, List.of(ana, ben, cy));
        String id = activity(owner, community, 3);
        rsvp(ana, id, 0).body("status", equalTo("GOING"));
        rsvp(ben, id, 0).body("status", equalTo("GOING"));
        rsvp(cy, id, 0).body("status", equalTo("WAITLISTED"));

        profileUpdated(null, ana, "Ana Lima", "https://cdn.example/ana.jpg", Instant.now());
        profileUpdated(null, cy, "Cy 陈", null, Instant.now());

        await().atMost(WAIT).until(() -> profileOf(owner, id, "GOING", ana).get("displayName"),
                equalTo("Ana Lima"));
        JsonPath going = list(owner, id, "GOING");
        String anaItem = "items.find { it.userId == '" + ana + "' }";
        assertEquals(ana, going.getString(anaItem + ".authorProfile.id"));
        assertEquals("https://cdn.example/ana.jpg", going.getString(anaItem + ".authorProfile.avatarUrl"));
        assertEquals("GOING", going.getString(anaItem + ".status"), "the item's own fields stay as they were");
        assertEquals(0, going.getInt(anaItem + ".guests"));
        assertEquals(id, going.getString(anaItem + ".activityId"));

        String benItem = "items.find { it.userId == '" + ben + "' }";
        assertEquals(ben, going.getString(benItem + ".authorProfile.id"));
        assertEquals(ben, going.getString(benItem + ".authorProfile.displayName"), "no profile known: the id");
        assertNull(going.get(benItem + ".authorProfile.avatarUrl"));
        assertEquals(owner, going.getString("items.find { it.userId == '" + owner + "' }.authorProfile.displayName"));

        await().atMost(WAIT).until(() -> profileOf(owner, id, "WAITLISTED", cy).get("displayName"),
                equalTo("Cy 陈"));
        JsonPath waitlist = list(owner, id, "WAITLISTED");
        assertEquals(cy, waitlist.getString("items[0].userId"));
        assertEquals(1, waitlist.getInt("items[0].waitlistPosition"));
        assertNull(waitlist.get("items[0].authorProfile.avatarUrl"));
    }

    @Test
    void anOlderProfileDeliveredAfterANewerOneDoesNotReplaceIt() {
        String owner = Tokens.newUserId("owner");
        String ana = Tokens.newUserId("ana");
        String marker = Tokens.newUserId("marker");
        String community = community(owner, "PUBLIC");
        joinAll(community, List.of(ana, marker));
        String id = activity(owner, community, 5);
        rsvp(ana, id, 0).body("status", equalTo("GOING"));
        rsvp(marker, id, 0).body("status", equalTo("GOING"));
        Instant edited = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        profileUpdated(null, ana, "Ana New", "https://cdn.example/new.jpg", edited);
        await().atMost(WAIT).until(() -> profileOf(owner, id, "GOING", ana).get("displayName"),
                equalTo("Ana New"));

        RecordMetadata late = profileUpdated(null, ana, "Ana Old", "https://cdn.example/old.jpg",
                edited.minusSeconds(60));
        // A later record on the same partition: once it shows, the late one before it has been applied.
        profileUpdated(late.partition(), marker, "Marker", null, Instant.now());
        await().atMost(WAIT).until(() -> profileOf(owner, id, "GOING", marker).get("displayName"),
                equalTo("Marker"));

        Map<String, Object> profile = profileOf(owner, id, "GOING", ana);
        assertEquals("Ana New", profile.get("displayName"));
        assertEquals("https://cdn.example/new.jpg", profile.get("avatarUrl"));
    }

    @Test
    void anUnreadableProfileIsDeadLetteredAndOtherTypesAreSkipped() {
        String owner = Tokens.newUserId("owner");
        String ana = Tokens.newUserId("ana");
        String community = community(owner, "PUBLIC");
        joinAll(community, List.of(ana));
        String id = activity(owner, community, 5);
        rsvp(ana, id, 0).body("status", equalTo("GOING"));

        try (KafkaProbe deadLetters = KafkaProbe.on(DEAD_LETTERS)) {
            KafkaProbe.publish(Topics.PEOPLE_EVENTS, ana, headers(ProfileUpdated.TYPE, ana), "{not json at all");
            KafkaProbe.publish(Topics.PEOPLE_EVENTS, ana, headers("io.circles.community.something-new.v1", ana),
                    "{\"userId\":\"" + ana + "\"}");
            profileUpdated(null, ana, "Ana Lima", null, Instant.now());
            await().atMost(WAIT).until(() -> profileOf(owner, id, "GOING", ana).get("displayName"),
                    equalTo("Ana Lima"));

            List<ReceivedEvent> parked = deadLetters.all(event -> ana.equals(event.key()), Duration.ofSeconds(3));
            assertEquals(1, parked.size(), () -> "parked: " + parked);
            assertTrue(parked.get(0).headers().containsKey("dead-letter-reason"));
        }
    }

    private static JsonPath list(String caller, String activityId, String status) {
        return given().auth().oauth2(Tokens.forUser(caller)).queryParam("status", status)
                .when().get("/api/activities/" + activityId + "/rsvps")
                .then().statusCode(200).extract().jsonPath();
    }

    /** The attendee's {@code authorProfile} in the list of one status. */
    private static Map<String, Object> profileOf(String caller, String activityId, String status, String userId) {
        return list(caller, activityId, status).getMap("items.find { it.userId == '" + userId + "' }.authorProfile");
    }

    /** Publishes profile-updated as community-service does (key = user id), or to one partition when given. */
    private static RecordMetadata profileUpdated(Integer partition, String userId, String displayName,
            String avatarUrl, Instant updatedAt) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("userId", userId);
        payload.put("displayName", displayName);
        payload.put("avatarUrl", avatarUrl);
        payload.put("city", "Hangzhou");
        payload.put("interests", List.of("coffee"));
        payload.put("updatedAt", updatedAt.toString());
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.PEOPLE_EVENTS, partition, userId,
                write(payload));
        headers(ProfileUpdated.TYPE, userId).forEach((name, value) ->
                record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                PlatformTestResource.infrastructure().kafka().bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            return producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish profile-updated", e);
        }
    }

    private static Map<String, String> headers(String type, String userId) {
        return Map.of(
                "ce_id", UUID.randomUUID().toString(),
                "ce_type", type,
                "ce_source", "/community-service",
                "ce_subject", "people/" + userId,
                "ce_time", Instant.now().toString(),
                "ce_specversion", "1.0",
                "content-type", "application/json");
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
