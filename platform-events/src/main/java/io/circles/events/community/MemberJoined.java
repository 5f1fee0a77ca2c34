package io.circles.events.community;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A user became a member of a community, by joining a public one or by an approved request. */
public record MemberJoined(
        String communityId,
        String userId,
        String role,
        Instant joinedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.community.member-joined.v1";

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
        return communityId + "/members/" + userId;
    }
}
