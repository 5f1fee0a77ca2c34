package io.circles.notification;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.IntegrationEvent;
import io.circles.test.KafkaProbe;

/** Publishes real event records as their producers do (CloudEvents binary headers), keeping the ce_id for replays. */
final class Published {

    private final ObjectMapper json;

    Published(ObjectMapper json) {
        this.json = json;
    }

    /** Publishes the event with a new ce_id and returns that id. */
    String publish(IntegrationEvent event) {
        String id = UUID.randomUUID().toString();
        publish(id, event);
        return id;
    }

    /** Publishes the event with the given ce_id (a redelivery when the id was used before). */
    void publish(String eventId, IntegrationEvent event) {
        publish(eventId, event, event.key());
    }

    /** Publishes with another record key: lands on that key's partition, behind everything published with it. */
    void publish(String eventId, IntegrationEvent event, String recordKey) {
        try {
            publish(event.topic(), recordKey, eventId, event.eventType(), event.subject(),
                    json.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes a people.events.v1 event, read by its fields (the contract has no record for it here). */
    String person(String type, String key, Map<String, Object> payload) {
        String id = UUID.randomUUID().toString();
        try {
            publish("people.events.v1", key, id, type, key, json.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    private static void publish(String topic, String key, String eventId, String type, String subject,
            String payload) {
        Map<String, String> headers = new HashMap<>();
        headers.put("ce_id", eventId);
        headers.put("ce_type", type);
        headers.put("ce_source", "/test");
        headers.put("ce_subject", subject);
        headers.put("ce_time", Instant.now().toString());
        headers.put("ce_specversion", "1.0");
        headers.put("content-type", "application/json");
        KafkaProbe.publish(topic, key, headers, payload);
    }
}
