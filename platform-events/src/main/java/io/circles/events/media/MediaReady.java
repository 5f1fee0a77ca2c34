package io.circles.events.media;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/**
 * An upload passed its checks: its bytes are what they claim, images carry no metadata any more, and the served URLs
 * are final. Services that accept {@code {mediaId}} keep the owner and these URLs in their own projection.
 */
public record MediaReady(
        String mediaId,
        String ownerId,
        String type,
        String contentType,
        String url,
        String thumbnailUrl,
        Integer width,
        Integer height,
        Integer durationSec,
        Instant readyAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.media.media-ready.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String topic() {
        return Topics.MEDIA_EVENTS;
    }

    @Override
    public String key() {
        return mediaId;
    }

    @Override
    public String subject() {
        return mediaId;
    }
}
