package io.circles.events.community;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A ban was lifted; the user may join again. */
public record MemberUnbanned(
        String communityId,
        String userId,
        String unbannedBy,
        Instant unbannedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.community.member-unbanned.v1";

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
