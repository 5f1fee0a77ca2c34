package io.circles.feed;

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
        Map<String, String> headers = new HashMap<>();
        headers.put("ce_id", eventId);
        headers.put("ce_type", event.eventType());
        headers.put("ce_source", "/test");
        headers.put("ce_subject", event.subject());
        headers.put("ce_time", Instant.now().toString());
        headers.put("ce_specversion", "1.0");
        headers.put("content-type", "application/json");
        try {
            KafkaProbe.publish(event.topic(), recordKey, headers, json.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
