package io.circles.events.community;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A member left a community. */
public record MemberLeft(
        String communityId,
        String userId,
        Instant leftAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.community.member-left.v1";

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
