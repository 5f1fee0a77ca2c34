package io.circles.events;

/** One attachment of a post: an IMAGE (url, width, height) or a short VIDEO (url, durationSec, coverUrl). */
public record Media(String type, String url, Integer width, Integer height, Integer durationSec, String coverUrl) {
}
