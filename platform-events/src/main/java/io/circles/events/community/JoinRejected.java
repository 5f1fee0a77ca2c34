package io.circles.events.community;

import java.time.Instant;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A moderator rejected a request to join a private community; the user may ask again. */
public record JoinRejected(
        String communityId,
        String userId,
        String decidedBy,
        Instant rejectedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.community.join-rejected.v1";

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
