package io.circles.events.activity;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** An attendee's RSVP changed: GOING, WAITLISTED, PROMOTED from the waitlist, or CANCELLED. */
public record RsvpChanged(
        String activityId,
        String communityId,
        String userId,
        String status,
        int guests,
        Integer waitlistPosition,
        int goingCount,
        Instant changedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.event.rsvp-changed.v1";

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
        return activityId + "/rsvps/" + userId;
    }
}
