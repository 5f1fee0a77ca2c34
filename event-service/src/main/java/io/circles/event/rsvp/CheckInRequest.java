package io.circles.event.rsvp;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/activities/{id}/check-ins}. */
public record CheckInRequest(@NotBlank @Size(max = 64) String userId) {
}
