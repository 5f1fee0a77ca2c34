package io.circles.merchant.content;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/merchants/{id}/posts}: text, media or both. */
public record PublishPostRequest(
        @Size(max = 5000) String text,
        @Size(max = 10) List<@NotNull @Valid MediaItem> media) {

    /** One attachment as a client sends it; {@link MediaRules} checks how they combine. */
    public record MediaItem(
            @NotBlank @Size(max = 10) String type,
            @NotBlank @Size(max = 2048) String url,
            Integer width,
            Integer height,
            Integer durationSec,
            @Size(max = 2048) String coverUrl) {
    }
}
