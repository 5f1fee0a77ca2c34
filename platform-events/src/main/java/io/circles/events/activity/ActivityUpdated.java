package io.circles.events.activity;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;
import io.circles.events.Venue;

/** An activity's details changed; the payload carries the full new state. */
public record ActivityUpdated(
        String activityId,
        String communityId,
        String title,
        String description,
        Instant startsAt,
        Instant endsAt,
        Venue venue,
        int capacity,
        String updatedBy,
        Instant updatedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.event.activity-updated.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String topic() {
        return Topics.ACTIVITY_EVENTS;
    }

    @Override
    public String key() {
        return activityId;
    }

    @Override
    public String subject() {
        return activityId;
    }
}
