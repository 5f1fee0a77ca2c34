package io.circles.media.upload;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An upload as its owner sees it; URLs only once READY. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MediaView(
        String id,
        String status,
        String type,
        String contentType,
        String url,
        String thumbnailUrl,
        Integer width,
        Integer height,
        Integer durationSec) {
}
