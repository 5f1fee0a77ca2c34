package io.circles.platform.outbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import io.circles.platform.tracing.Traceparents;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An event waiting in the outbox; its id becomes the CloudEvent's {@code ce_id}, stable across retries. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    /** The columns {@link #appendTo} fills, in its order, for a statement's {@code insert into outbox_event (…)}. */
    public static final String COLUMNS = "id, topic, record_key, type, source, subject, occurred_at, payload, traceparent";

    @Id
    public UUID id;

    public String topic;

    @Column(name = "record_key")
    public String recordKey;

    public String type;

    public String source;

    public String subject;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    public String payload;

    /** The W3C traceparent of the request that wrote the event, or null (see {@link Traceparents}). */
    public String traceparent;

    /**
     * Appends this event's row to the parameters of a statement that inserts it alongside the change it records (one
     * round trip for both): id, topic, record_key, type, source, subject, occurred_at, payload, traceparent — the
     * order of {@link #COLUMNS}; the statement casts them ({@code $n::uuid}, {@code ::text}, {@code ::timestamptz}).
     */
    public Tuple appendTo(Tuple params) {
        return params.addUUID(id).addString(topic).addString(recordKey).addString(type).addString(source)
                .addString(subject).addValue(utc(occurredAt)).addString(payload).addString(traceparent);
    }

    /** An instant as a {@code timestamptz} parameter (the client binds an {@link OffsetDateTime} to it). */
    public static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
