package io.circles.event.rsvp;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The body of {@code PUT /api/activities/{id}/rsvps/me}; no body means no guests. */
public record RsvpRequest(@Min(0) @Max(10) Integer guests) {

    public int guestCount() {
        return guests == null ? 0 : guests;
    }
}
