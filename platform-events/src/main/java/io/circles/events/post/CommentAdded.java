package io.circles.events.post;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A member commented on a post. */
public record CommentAdded(
        String commentId,
        String postId,
        String communityId,
        String authorId,
        String text,
        int commentCount,
        Instant createdAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.community.comment-added.v1";

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
        return postId + "/comments/" + commentId;
    }
}
