package io.circles.events.post;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A member added or removed a reaction; reactionCount is the post's count after the change. */
public record PostReacted(
        String postId,
        String communityId,
        String userId,
        String type,
        boolean active,
        int reactionCount,
        Instant reactedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.community.post-reacted.v1";

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
