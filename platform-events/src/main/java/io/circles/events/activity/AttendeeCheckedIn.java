package io.circles.events.activity;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A GOING attendee was checked in at the venue. */
public record AttendeeCheckedIn(
        String activityId,
        String communityId,
        String userId,
        String checkedInBy,
        Instant checkedInAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.event.attendee-checked-in.v1";

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
