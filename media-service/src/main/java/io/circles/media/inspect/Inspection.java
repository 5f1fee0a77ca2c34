package io.circles.media.inspect;

/** What an accepted upload turned out to be, and where its served objects now are. */
public record Inspection(
        String objectKey,
        String thumbnailKey,
        String contentType,
        long sizeBytes,
        Integer width,
        Integer height,
        Integer durationSec) {
}
