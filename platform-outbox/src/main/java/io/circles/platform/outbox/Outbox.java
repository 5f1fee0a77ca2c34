package io.circles.platform.outbox;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.IntegrationEvent;
import io.circles.platform.tracing.Traceparents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Records events in the outbox inside the caller's transaction: the event exists if and only if the change
 * it describes committed. Call {@link #append} from a method that owns a transaction ({@code @WithTransaction}).
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;
    private final String source;

    Outbox(ObjectMapper json, @ConfigProperty(name = "quarkus.application.name") String application) {
        this.json = json;
        this.source = "/" + application;
    }

    public Uni<OutboxEvent> append(IntegrationEvent event) {
        return Uni.createFrom().item(() -> prepare(event)).chain(row -> row.persist());
    }

    /**
     * The outbox row for an event, not yet stored: for a write that inserts it with its own SQL statement (in the same
     * statement or transaction as the change it describes, like {@link #append}), and then wakes {@link OutboxRelay}.
     */
    public OutboxEvent prepare(IntegrationEvent event) {
        OutboxEvent row = new OutboxEvent();
        row.id = UUID.randomUUID();
        row.topic = event.topic();
        row.recordKey = event.key();
        row.type = event.eventType();
        row.source = source;
        row.subject = event.subject();
        row.occurredAt = Instant.now();
        row.traceparent = Traceparents.current();
        try {
            row.payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + event.eventType(), e);
        }
        return row;
    }
}
