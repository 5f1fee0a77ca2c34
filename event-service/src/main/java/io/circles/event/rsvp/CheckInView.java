package io.circles.event.rsvp;

import java.time.Instant;

/** A recorded check-in. */
public record CheckInView(String activityId, String userId, String checkedInBy, Instant checkedInAt) {
}
