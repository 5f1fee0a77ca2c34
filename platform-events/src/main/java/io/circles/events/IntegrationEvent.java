package io.circles.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An event payload that leaves a service: where it is published and under which CloudEvents attributes.
 * The payload itself is the record's components; these accessors are routing, never serialized.
 */
public interface IntegrationEvent {

    /** The CloudEvents type, {@code io.circles.<service>.<event>.v1}. */
    @JsonIgnore
    String eventType();

    /** The Kafka topic the event is published on. */
    @JsonIgnore
    String topic();

    /** The record key: the aggregate id, so one aggregate's events stay in order on one partition. */
    @JsonIgnore
    String key();

    /** The CloudEvents subject: the entity the event is about. */
    @JsonIgnore
    String subject();
}
