package io.circles.events.people;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;

/** A person lifted a block: the other person's content shows to them again. Only the two ids travel. */
public record PersonUnblocked(
        String blockerId,
        String blockedId) implements IntegrationEvent {

    public static final String TYPE = "io.circles.community.person-unblocked.v1";

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
