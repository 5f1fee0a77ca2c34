package io.circles.event.activity;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/activities}: exactly one host, a community or a merchant
 * ({@link ActivityRules#checkHost}). The RSVP window defaults to "from now until the start".
 */
public record CreateActivityRequest(
        @Size(max = 64) String communityId,
        @Size(max = 64) String merchantId,
        @NotBlank @Size(max = 120) String title,
        @Size(max = 4000) String description,
        @NotNull Instant startsAt,
        @NotNull Instant endsAt,
        @NotNull @Valid VenueInput venue,
        @NotNull @Min(1) @Max(ActivityRules.MAX_CAPACITY) Integer capacity,
        Instant rsvpOpensAt,
        Instant rsvpClosesAt) {
}
