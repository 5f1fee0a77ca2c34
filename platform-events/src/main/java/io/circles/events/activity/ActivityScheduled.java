package io.circles.events.activity;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;
import io.circles.events.Venue;

/**
 * An offline activity was scheduled, hosted by a community or by a merchant (exactly one of {@code communityId} and
 * {@code merchantId} is set); the organizer is GOING.
 */
public record ActivityScheduled(
        String activityId,
        String communityId,
        String merchantId,
        String organizerId,
        String title,
        String description,
        Instant startsAt,
        Instant endsAt,
        Venue venue,
        int capacity,
        Instant scheduledAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.event.activity-scheduled.v1";

    /** A community's activity. */
    public ActivityScheduled(String activityId, String communityId, String organizerId, String title,
            String description, Instant startsAt, Instant endsAt, Venue venue, int capacity, Instant scheduledAt) {
        this(activityId, communityId, null, organizerId, title, description, startsAt, endsAt, venue, capacity,
                scheduledAt);
    }

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
