package io.circles.events.activity;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/**
 * An activity was cancelled: RSVPs close and it disappears from feeds. {@code merchantId} is set for a merchant's
 * activity (then {@code communityId} is null).
 */
public record ActivityCancelled(
        String activityId,
        String communityId,
        String merchantId,
        String cancelledBy,
        Instant cancelledAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.event.activity-cancelled.v1";

    /** A community's activity. */
    public ActivityCancelled(String activityId, String communityId, String cancelledBy, Instant cancelledAt) {
        this(activityId, communityId, null, cancelledBy, cancelledAt);
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
