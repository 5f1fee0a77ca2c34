package io.circles.event.activity;

import java.time.Instant;

import io.circles.event.rsvp.RsvpView;
import io.circles.events.Venue;

/**
 * An activity as clients see it, hosted by a community or by a merchant (the other id is null). {@code goingCount}
 * counts seats taken (attendees and their guests); {@code checkedInCount} and {@code rsvp} (the caller's own, or null)
 * are filled on the single-activity read.
 */
public record ActivityView(
        String id,
        String communityId,
        String merchantId,
        String organizerId,
        String title,
        String description,
        Instant startsAt,
        Instant endsAt,
        Venue venue,
        int capacity,
        Instant rsvpOpensAt,
        Instant rsvpClosesAt,
        String status,
        int goingCount,
        int waitlistCount,
        Long checkedInCount,
        RsvpView rsvp,
        Instant createdAt,
        Instant updatedAt) {

    public static ActivityView of(Activity activity, Long checkedInCount, RsvpView rsvp) {
        return new ActivityView(activity.id, activity.communityId, activity.merchantId, activity.organizerId,
                activity.title, activity.description, activity.startsAt, activity.endsAt, activity.venue(),
                activity.capacity, activity.rsvpOpensAt, activity.rsvpClosesAt, activity.status, activity.goingSeats,
                activity.waitlistCount, checkedInCount, rsvp, activity.createdAt, activity.updatedAt);
    }
}
