package io.circles.platform.outbox;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An event waiting in the outbox; its id becomes the CloudEvent's {@code ce_id}, stable across retries. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

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
}
