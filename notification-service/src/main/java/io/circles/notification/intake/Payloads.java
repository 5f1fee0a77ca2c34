package io.circles.notification.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.platform.messaging.IncomingEvent;
import io.circles.platform.messaging.UnprocessableEventException;

/** Checks on incoming payloads: a payload that lacks what its type promises can never be processed. */
public final class Payloads {

    private Payloads() {
    }

    public static void require(IncomingEvent event, String... values) {
        for (String value : values) {
            if (value == null || value.isBlank()) {
                throw new UnprocessableEventException("event " + event.id() + " (" + event.type()
                        + ") lacks a required field");
            }
        }
    }

    /** The payload as a JSON tree, for events read by field name rather than through a contract record. */
    public static JsonNode tree(IncomingEvent event, ObjectMapper json) {
        try {
            JsonNode tree = json.readTree(event.data());
            if (tree == null || !tree.isObject()) {
                throw new UnprocessableEventException("event " + event.id() + " has no JSON object payload");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new UnprocessableEventException("event " + event.id() + " (" + event.type()
                    + ") has an unreadable payload: " + e.getOriginalMessage());
        }
    }

    /** A text field of a tree, or null. */
    public static String text(JsonNode tree, String field) {
        JsonNode value = tree.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
