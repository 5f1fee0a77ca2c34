package io.circles.merchant.content;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** The body of {@code PATCH /api/merchants/{id}/products/{productId}}: only the fields present change. */
public record UpdateProductRequest(
        @Size(min = 1, max = 120) String title,
        @PositiveOrZero @Max(100_000_000_00L) Long priceCents,
        @Pattern(regexp = "[A-Z]{3}", message = "must be a three-letter ISO-4217 code") String currency,
        @PositiveOrZero @Max(1_000_000_000) Integer stock,
        @Size(max = 10) List<@Size(min = 1, max = 2048) String> images) {
}
