package io.circles.reliability;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.circles.events.Topics;

/** Who consumes what: each topic's consumer groups, and the dead-letter topics they write to. */
final class Consumers {

    /** Topic → the consumer groups that read it (each dead-letters to {@code <topic>.dlq.<group>}). */
    static final Map<String, List<String>> GROUPS;

    static {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put(Topics.COMMUNITY_EVENTS, List.of("feed-service", "event-service", "notification-service"));
        groups.put(Topics.COMMUNITY_POSTS, List.of("feed-service", "feed-service-cards", "notification-service"));
        groups.put(Topics.ACTIVITY_EVENTS, List.of("feed-service", "notification-service"));
        groups.put(Topics.MERCHANT_EVENTS, List.of("feed-service", "notification-service"));
        groups.put(Topics.MERCHANT_CONTENT, List.of("feed-service", "notification-service"));
        groups.put(Topics.FEED_IMPRESSIONS, List.of("merchant-service"));
        groups.put(Topics.PEOPLE_EVENTS, List.of("feed-service", "event-service"));
        GROUPS = Collections.unmodifiableMap(groups);
    }

    private Consumers() {
    }

    /** The dead-letter topics of the groups of one service (its groups are named after it). */
    static List<String> deadLetterTopicsOf(String service) {
        return GROUPS.entrySet().stream()
                .flatMap(topic -> topic.getValue().stream()
                        .filter(group -> group.equals(service) || group.startsWith(service + "-"))
                        .map(group -> Topics.deadLetter(topic.getKey(), group)))
                .toList();
    }
}
