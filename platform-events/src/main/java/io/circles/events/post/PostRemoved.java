package io.circles.events.post;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A post was deleted by its author or a moderator, or hidden by moderation: it disappears everywhere. */
public record PostRemoved(
        String postId,
        String communityId,
        String reason,
        String removedBy,
        Instant removedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.community.post-removed.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String topic() {
        return Topics.COMMUNITY_POSTS;
    }

    @Override
    public String key() {
        return communityId;
    }

    @Override
    public String subject() {
        return postId;
    }
}
