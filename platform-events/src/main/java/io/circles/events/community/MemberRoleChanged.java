package io.circles.events.community;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A member's role changed (handing ownership over demotes the previous owner). */
public record MemberRoleChanged(
        String communityId,
        String userId,
        String role,
        String changedBy,
        Instant changedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.community.member-role-changed.v1";

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
