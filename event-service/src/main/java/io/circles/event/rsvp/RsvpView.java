package io.circles.event.rsvp;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RSVP as its attendee or the organizer sees it; {@code waitlistPosition} only while WAITLISTED. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RsvpView(String activityId, String userId, String status, int guests, Integer waitlistPosition,
        Instant checkedInAt) {

    public static RsvpView of(Rsvp rsvp, Integer position) {
        return new RsvpView(rsvp.activityId, rsvp.userId, rsvp.status, rsvp.guests, position, rsvp.checkedInAt);
    }
}
