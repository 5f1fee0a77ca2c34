package io.circles.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Keeps the Java records, their JSON Schemas and the catalogue in step: a drift in any of them fails here. */
class EventCatalogTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static Stream<Class<? extends IntegrationEvent>> events() {
        return EventCatalog.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("events")
    void recordAndSchemaDescribeTheSamePayload(Class<? extends IntegrationEvent> type) throws Exception {
        String eventType = (String) type.getField("TYPE").get(null);
        JsonNode schema = schemaJson(eventType);

        assertEquals(eventType, schema.get("title").asText(), "schema title is the ce_type");
        Set<String> properties = new HashSet<>();
        schema.get("properties").fieldNames().forEachRemaining(properties::add);
        Set<String> components = new HashSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            components.add(component.getName());
        }
        assertEquals(components, properties, type.getSimpleName() + " fields vs its schema");
    }

    @ParameterizedTest
    @MethodSource("events")
    void aSampleOfEveryEventIsValidAgainstItsSchema(Class<? extends IntegrationEvent> type) throws Exception {
        IntegrationEvent sample = sample(type);

        Set<ValidationMessage> errors = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(schemaJson(sample.eventType())).validate(JSON.valueToTree(sample));

        assertTrue(errors.isEmpty(), () -> sample.eventType() + ": " + errors);
        assertNotNull(sample.key());
        assertNotNull(sample.subject());
        assertTrue(sample.eventType().startsWith("io.circles.") && sample.eventType().endsWith(".v1"));
    }

    @Test
    void typesAreUniqueAndEveryTopicIsVersioned() throws Exception {
        Set<String> types = new HashSet<>();
        for (Class<? extends IntegrationEvent> type : EventCatalog.ALL) {
            IntegrationEvent sample = sample(type);
            assertTrue(types.add(sample.eventType()), "duplicate type " + sample.eventType());
            assertTrue(sample.topic().endsWith(".v1"), sample.topic());
        }
    }

    /** An instance with plausible values for every component, built from the record's canonical constructor. */
    private static IntegrationEvent sample(Class<? extends IntegrationEvent> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = sampleValue(components[i]);
        }
        return type.getDeclaredConstructor(types).newInstance(values);
    }

    private static Object sampleValue(RecordComponent component) throws Exception {
        Class<?> type = component.getType();
        String name = component.getName();
        if (type == String.class) {
            JsonNode property = schemaJson((String) component.getDeclaringRecord().getField("TYPE").get(null))
                    .get("properties").get(name);
            JsonNode allowed = property.get("enum");
            return allowed != null ? allowed.get(0).asText() : "sample-" + name;
        }
        if (type == int.class || type == Integer.class) {
            return 3;
        }
        if (type == long.class || type == Long.class) {
            return 1000L;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == double.class || type == Double.class) {
            return 31.2;
        }
        if (type == Instant.class) {
            return Instant.parse("2026-11-24T10:00:00Z");
        }
        if (type == Venue.class) {
            return new Venue("Blue Bottle", "1 Nanjing Rd", 31.23, 121.47);
        }
        if (type == Targeting.class) {
            return new Targeting(List.of("coffee"), List.of("Shanghai"));
        }
        if (type == List.class) {
            String generic = component.getGenericType().getTypeName();
            if (generic.contains("ProductCard")) {
                return List.of(new ProductCard("p1", "Pour-over kit", 12900, "CNY", "https://img.circles.dev/p1.jpg"));
            }
            if (generic.contains("Media")) {
                return List.of(new Media("IMAGE", "https://img.circles.dev/1.jpg", 1080, 1350, null, null));
            }
            return List.of("sample");
        }
        throw new IllegalStateException("no sample for " + type);
    }

    private static JsonNode schemaJson(String eventType) throws Exception {
        try (InputStream in = EventCatalogTest.class.getClassLoader()
                .getResourceAsStream(EventSchemas.resourceFor(eventType))) {
            assertNotNull(in, "no schema for " + eventType);
            return JSON.readTree(in);
        }
    }

    @Test
    void theEventCatalogueAndTheAsyncApiDocumentListEveryType() throws Exception {
        String catalogue = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "events.md"));
        String asyncApi;
        try (InputStream in = EventCatalogTest.class.getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            assertNotNull(in, "asyncapi.yaml is missing");
            asyncApi = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        for (Class<? extends IntegrationEvent> type : EventCatalog.ALL) {
            IntegrationEvent sample = sample(type);
            assertTrue(catalogue.contains("`" + sample.eventType() + "`"), sample.eventType() + " missing in docs/events.md");
            assertTrue(catalogue.contains("## `" + sample.topic() + "`"), sample.topic() + " missing in docs/events.md");
            assertTrue(asyncApi.contains("title: " + sample.eventType()), sample.eventType() + " missing in asyncapi.yaml");
            assertTrue(asyncApi.contains("address: " + sample.topic()), sample.topic() + " missing in asyncapi.yaml");
        }
    }

    @Test
    void everySchemaFileBelongsToACataloguedEvent() throws Exception {
        Set<String> expected = new HashSet<>();
        for (Class<? extends IntegrationEvent> type : EventCatalog.ALL) {
            expected.add(EventSchemas.resourceFor((String) type.getField("TYPE").get(null)));
        }
        java.nio.file.Path dir = java.nio.file.Path.of(
                EventCatalogTest.class.getClassLoader().getResource("schemas").toURI());
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
            Iterator<java.nio.file.Path> it = files.iterator();
            while (it.hasNext()) {
                String resource = "schemas/" + it.next().getFileName();
                assertTrue(expected.contains(resource), resource + " is not in EventCatalog");
            }
        }
    }
}
