package io.circles.merchant.merchant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/merchants}. */
public record OnboardMerchantRequest(
        @NotBlank @Size(max = 80) String name,
        @NotBlank @Size(max = 40) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*",
                message = "must be a lower-case slug such as cafe or sports-shop") String category,
        @NotBlank @Size(max = 80) String city,
        @NotNull @Valid Location location,
        @NotBlank @Size(max = 40) String licenseNumber) {

    /** A point on Earth in decimal degrees. */
    public record Location(
            @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
            @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon) {
    }
}
