package io.circles.events.community;

import java.time.Instant;
import java.util.List;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A community was created; its creator is its first member and owner. */
public record CommunityCreated(
        String communityId,
        String name,
        String description,
        List<String> interests,
        String city,
        double lat,
        double lon,
        String visibility,
        String ownerId,
        Instant createdAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.community.community-created.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String topic() {
        return Topics.COMMUNITY_EVENTS;
    }

    @Override
    public String key() {
        return communityId;
    }

    @Override
    public String subject() {
        return communityId;
    }
}
