package io.circles.events.activity;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;
import io.circles.events.Venue;

/** An offline activity was scheduled in a community; the organizer is GOING. */
public record ActivityScheduled(
        String activityId,
        String communityId,
        String organizerId,
        String title,
        String description,
        Instant startsAt,
        Instant endsAt,
        Venue venue,
        int capacity,
        Instant scheduledAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.event.activity-scheduled.v1";

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
