package io.circles.events.community;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A user asked to join a private community; moderators decide. The answer is the reply to the join question. */
public record JoinRequested(
        String communityId,
        String userId,
        String answer,
        Instant requestedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.community.join-requested.v1";

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
        return communityId + "/join-requests/" + userId;
    }
}
