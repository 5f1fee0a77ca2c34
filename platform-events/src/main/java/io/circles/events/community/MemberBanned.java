package io.circles.events.community;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A user was banned from a community: their membership ends and they cannot rejoin until unbanned. */
public record MemberBanned(
        String communityId,
        String userId,
        String bannedBy,
        String reason,
        Instant bannedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.community.member-banned.v1";

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
