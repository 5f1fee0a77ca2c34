package io.circles.events.activity;

import java.time.Instant;
import java.util.List;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;
import io.circles.events.Venue;

/** An activity is about to start; the named attendees get a reminder in their feed. */
public record ActivityReminder(
        String activityId,
        String communityId,
        String title,
        Instant startsAt,
        Venue venue,
        List<String> attendeeIds,
        Instant remindedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.event.activity-reminder.v1";

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
