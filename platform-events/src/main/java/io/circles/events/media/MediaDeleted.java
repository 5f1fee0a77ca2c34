package io.circles.events.media;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A media object and its thumbnail were removed from storage; its URLs no longer serve and it cannot be attached. */
public record MediaDeleted(
        String mediaId,
        String ownerId,
        Instant deletedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.media.media-deleted.v1";

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
