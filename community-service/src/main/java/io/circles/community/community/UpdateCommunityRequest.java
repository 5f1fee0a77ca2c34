package io.circles.community.community;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code PATCH /api/communities/{id}}: only the fields present change. */
public record UpdateCommunityRequest(
        @Size(min = 1, max = 80) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
        @Size(max = 2000) String description,
        @Size(min = 1, max = 5) List<@NotBlank @Size(max = 40) String> interests,
        @Size(min = 1, max = 80) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String city,
        @Valid CreateCommunityRequest.Location location,
        Visibility visibility,
        @Size(max = 300) String joinQuestion) {
}
