package io.circles.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import io.circles.events.activity.ActivityCancelled;
import io.circles.events.activity.ActivityScheduled;
import io.circles.events.community.CommunityCreated;
import io.circles.events.community.JoinRequested;
import io.circles.events.community.MemberJoined;

class EventContractTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static Stream<IntegrationEvent> samples() {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        return Stream.of(
                new CommunityCreated("c1", "Morning Coffee", "Flat whites at dawn", List.of("coffee"),
                        "Shanghai", 31.23, 121.47, "PUBLIC", "alice", now),
                new MemberJoined("c1", "bob", "MEMBER", now),
                new JoinRequested("c2", "carol", "I brew at home", now),
                new ActivityScheduled("a1", "c1", "alice", "Cupping", null, now, now.plusSeconds(3600),
                        new Venue("Blue Bottle", null, 31.23, 121.47), 12, now),
                new ActivityScheduled("a2", null, "m1", "dave", "Latte art class", "Bring a cup", now,
                        now.plusSeconds(3600), new Venue("Blue Bottle", null, 31.23, 121.47), 12, now),
                new ActivityCancelled("a2", null, "m1", "admin", now));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyEventSerializesToJsonItsSchemaAccepts(IntegrationEvent event) throws Exception {
        JsonNode json = JSON.valueToTree(event);

        Set<ValidationMessage> errors = schemaOf(event.eventType()).validate(json);

        assertTrue(errors.isEmpty(), () -> event.eventType() + ": " + errors);
        assertTrue(event.topic().endsWith(".v1"));
        assertTrue(event.eventType().endsWith(".v1"));
        assertNotNull(event.key());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void routingAttributesAreNotPartOfThePayload(IntegrationEvent event) {
        JsonNode json = JSON.valueToTree(event);

        assertTrue(json.path("eventType").isMissingNode());
        assertTrue(json.path("topic").isMissingNode());
        assertTrue(json.path("key").isMissingNode());
    }

    @Test
    void schemaRejectsAPayloadMissingARequiredField() throws Exception {
        JsonNode json = JSON.readTree("{\"communityId\":\"c1\",\"role\":\"MEMBER\",\"joinedAt\":\"2026-11-24T10:00:00Z\"}");

        Set<ValidationMessage> errors = schemaOf(MemberJoined.TYPE).validate(json);

        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.iterator().next().getMessage().contains("userId"));
    }

    @Test
    void schemaResourceIsDerivedFromTheType() {
        assertEquals("schemas/member-joined.v1.json", EventSchemas.resourceFor(MemberJoined.TYPE));
        assertThrows(IllegalArgumentException.class, () -> EventSchemas.resourceFor("com.example.thing.v1"));
    }

    private static JsonSchema schemaOf(String type) throws Exception {
        try (InputStream in = EventContractTest.class.getClassLoader().getResourceAsStream(EventSchemas.resourceFor(type))) {
            assertNotNull(in, "no schema for " + type);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }
}
