package io.circles.events.community;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A community was archived by its owner: no new members, posts or activities. */
public record CommunityArchived(
        String communityId,
        String archivedBy,
        Instant archivedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.community.community-archived.v1";

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
