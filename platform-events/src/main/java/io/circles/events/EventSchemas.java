package io.circles.events;

/** Where the JSON Schema of each event type lives on the classpath. */
public final class EventSchemas {

    private static final String PREFIX = "io.circles.";

    private EventSchemas() {
    }

    /**
     * The classpath resource of a type's schema: {@code io.circles.community.member-joined.v1} is
     * {@code schemas/member-joined.v1.json}. Event names are unique across services, so the service part is dropped.
     */
    public static String resourceFor(String type) {
        if (type == null || !type.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a Circles event type: " + type);
        }
        String rest = type.substring(PREFIX.length());
        int serviceEnd = rest.indexOf('.');
        if (serviceEnd < 0) {
            throw new IllegalArgumentException("not a Circles event type: " + type);
        }
        return "schemas/" + rest.substring(serviceEnd + 1) + ".json";
    }
}
