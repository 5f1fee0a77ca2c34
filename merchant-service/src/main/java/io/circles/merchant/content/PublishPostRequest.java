package io.circles.merchant.content;

import java.util.List;

import io.circles.platform.media.MediaItem;
import io.circles.platform.media.MediaRules;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/merchants/{id}/posts}: text, media or both; {@link MediaRules} checks the content. */
public record PublishPostRequest(
        @Size(max = MediaRules.MAX_TEXT) String text,
        @Size(max = 10) List<@NotNull @Valid MediaItem> media,
        @Size(max = PostProducts.MAX_PER_POST) List<@NotBlank @Size(max = 64) String> productIds) {
}
