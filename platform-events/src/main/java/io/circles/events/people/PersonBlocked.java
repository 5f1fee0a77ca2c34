package io.circles.events.people;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A person blocked another: the blocked person's content is hidden from the blocker. Only the two ids travel. */
public record PersonBlocked(
        String blockerId,
        String blockedId) implements IntegrationEvent {

    public static final String TYPE = "io.circles.community.person-blocked.v1";

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
        return blockerId;
    }

    @Override
    public String subject() {
        return "people/" + blockerId + "/blocks/" + blockedId;
    }
}
