package io.circles.community.post;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** One attachment in a post request; which fields apply depends on the type (see {@link PostContentRule}). */
public record MediaItem(
        @NotNull MediaType type,
        @Size(max = 2000) String url,
        Integer width,
        Integer height,
        Integer durationSec,
        @Size(max = 2000) String coverUrl) {

    /** IMAGE or short VIDEO. */
    public enum MediaType {
        IMAGE,
        VIDEO
    }
}
