package io.circles.merchant.promotion;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/merchants/{id}/promotions}. */
public record LaunchPromotionRequest(
        @NotBlank @Size(max = 64) String postId,
        @NotNull @Positive @Max(1_000_000_000L) Long budgetImpressions,
        @NotNull @Valid TargetingRequest targeting,
        @NotNull Instant startsAt,
        @NotNull Instant endsAt) {

    /** Who sees the promotion: users whose communities match an interest and a city (empty = any). */
    public record TargetingRequest(
            @NotNull @Size(max = 20) List<@NotBlank @Size(max = 40) String> interests,
            @NotNull @Size(max = 20) List<@NotBlank @Size(max = 80) String> cities) {
    }
}
