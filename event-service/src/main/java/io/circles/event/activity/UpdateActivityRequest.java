package io.circles.event.activity;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code PATCH /api/activities/{id}}: only the fields present change. */
public record UpdateActivityRequest(
        @Size(min = 1, max = 120) @Pattern(regexp = "[\\s\\S]*\\S[\\s\\S]*", message = "must not be blank") String title,
        @Size(max = 4000) String description,
        Instant startsAt,
        Instant endsAt,
        @Valid VenueInput venue,
        @Min(1) @Max(ActivityRules.MAX_CAPACITY) Integer capacity,
        Instant rsvpOpensAt,
        Instant rsvpClosesAt) {
}
