package io.circles.events.people;

import java.time.Instant;
import java.util.List;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A person's public profile changed; the payload carries what cards show of them, in full. */
public record ProfileUpdated(
        String userId,
        String displayName,
        String avatarUrl,
        String city,
        List<String> interests,
        Instant updatedAt) implements IntegrationEvent {

    public static final String TYPE = "io.circles.community.profile-updated.v1";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String topic() {
        return Topics.PEOPLE_EVENTS;
    }

    @Override
    public String key() {
        return userId;
    }

    @Override
    public String subject() {
        return "people/" + userId;
    }
}
