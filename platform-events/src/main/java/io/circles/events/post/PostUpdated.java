package io.circles.events.post;

import java.time.Instant;
import java.util.List;

import io.circles.events.IntegrationEvent;
import io.circles.events.Media;
import io.circles.events.Topics;

/** A post's text or media changed; the payload carries the full new content. */
public record PostUpdated(
        String postId,
        String communityId,
        String text,
        List<Media> media,
        Instant updatedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.community.post-updated.v1";

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
