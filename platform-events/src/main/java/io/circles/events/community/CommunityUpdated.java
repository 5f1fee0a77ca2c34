package io.circles.events.community;

import java.time.Instant;
import java.util.List;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A community's details changed; the payload carries the full new state. */
public record CommunityUpdated(
        String communityId,
        String name,
        String description,
        List<String> interests,
        String city,
        double lat,
        double lon,
        String visibility,
        String updatedBy,
        Instant updatedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.community.community-updated.v1";

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
