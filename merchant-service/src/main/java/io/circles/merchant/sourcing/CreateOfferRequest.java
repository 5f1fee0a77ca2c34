package io.circles.merchant.sourcing;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/sourcing/offers}. */
public record CreateOfferRequest(
        @NotBlank @Size(max = 120) String title,
        @NotBlank @Size(max = 40) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*",
                message = "must be a lower-case slug such as coffee or tableware") String category,
        @NotBlank @Size(max = 120) String supplier,
        @NotNull @PositiveOrZero @Max(100_000_000_00L) Long wholesalePriceCents,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be a three-letter ISO-4217 code") String currency,
        @NotNull @Positive @Max(1_000_000) Integer minOrder,
        @Size(max = 10) List<@NotBlank @Size(max = 2048) String> images) {
}
