package io.circles.merchant.content;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/merchants/{id}/products}: a product of the merchant's own ({@code title},
 * {@code currency}, {@code images}), or a sourcing offer adopted ({@code offerId}: title, currency and images come
 * from the offer). Either way the merchant sets its own price and stock.
 */
@OwnOrAdopted
public record ListProductRequest(
        @Size(max = 120) String title,
        @NotNull @PositiveOrZero @Max(100_000_000_00L) Long priceCents,
        @Pattern(regexp = "[A-Z]{3}", message = "must be a three-letter ISO-4217 code") String currency,
        @NotNull @PositiveOrZero @Max(1_000_000_000) Integer stock,
        @Size(max = 10) List<@NotBlank @Size(max = 2048) String> images,
        @Size(min = 1, max = 64) String offerId) {
}
