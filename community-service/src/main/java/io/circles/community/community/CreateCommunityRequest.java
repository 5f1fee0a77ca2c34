package io.circles.community.community;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/communities}. */
public record CreateCommunityRequest(
        @NotBlank @Size(max = 80) String name,
        @Size(max = 2000) String description,
        @NotEmpty @Size(max = 5) List<@NotBlank @Size(max = 40) String> interests,
        @NotBlank @Size(max = 80) String city,
        @NotNull @Valid Location location,
        @NotNull Visibility visibility,
        @Size(max = 300) String joinQuestion) {

    /** A point on Earth in decimal degrees. */
    public record Location(
            @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
            @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon) {
    }
}
