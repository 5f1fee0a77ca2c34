package io.circles.events.post;

import java.time.Instant;
import java.util.List;

import io.circles.events.IntegrationEvent;
import io.circles.events.Media;
import io.circles.events.Topics;

/** A member published an image-text or short-video post in a community. */
public record PostPublished(
        String postId,
        String communityId,
        String communityName,
        String visibility,
        List<String> interests,
        String city,
        String authorId,
        String text,
        List<Media> media,
        Instant publishedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.community.post-published.v1";

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
