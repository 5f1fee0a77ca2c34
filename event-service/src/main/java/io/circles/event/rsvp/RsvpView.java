package io.circles.event.rsvp;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.circles.event.people.AuthorProfile;

/**
 * An RSVP as its attendee or the organizer sees it; {@code waitlistPosition} only while WAITLISTED,
 * {@code authorProfile} (the attendee's name and avatar) only in the organizer's lists.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RsvpView(String activityId, String userId, String status, int guests, Integer waitlistPosition,
        Instant checkedInAt, AuthorProfile authorProfile) {

    public RsvpView(String activityId, String userId, String status, int guests, Integer waitlistPosition,
            Instant checkedInAt) {
        this(activityId, userId, status, guests, waitlistPosition, checkedInAt, null);
    }

    public static RsvpView of(Rsvp rsvp, Integer position) {
        return new RsvpView(rsvp.activityId, rsvp.userId, rsvp.status, rsvp.guests, position, rsvp.checkedInAt);
    }
}
