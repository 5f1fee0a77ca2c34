package io.circles.test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.circles.events.CloudEventHeaders;
import io.circles.events.EventSchemas;

/** A record read by a {@link KafkaProbe}: key, headers and JSON payload, with CloudEvents accessors. */
public record ReceivedEvent(String topic, int partition, long offset, String key, Map<String, String> headers,
        String value) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    public String id() {
        return headers.get(CloudEventHeaders.ID);
    }

    public String type() {
        return headers.get(CloudEventHeaders.TYPE);
    }

    public String source() {
        return headers.get(CloudEventHeaders.SOURCE);
    }

    public String subject() {
        return headers.get(CloudEventHeaders.SUBJECT);
    }

    public String time() {
        return headers.get(CloudEventHeaders.TIME);
    }

    public JsonNode json() {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException("payload is not JSON: " + value, e);
        }
    }

    /** Fails the test unless the payload is valid against the JSON Schema of its {@code ce_type}. */
    public ReceivedEvent assertMatchesSchema() {
        Set<ValidationMessage> errors = SCHEMAS.computeIfAbsent(type(), ReceivedEvent::loadSchema).validate(json());
        assertTrue(errors.isEmpty(), () -> type() + " payload violates its schema: " + errors + " in " + value);
        return this;
    }

    private static JsonSchema loadSchema(String type) {
        String resource = EventSchemas.resourceFor(type);
        try (InputStream in = ReceivedEvent.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, "no schema " + resource + " for " + type);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
