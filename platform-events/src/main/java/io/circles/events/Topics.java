package io.circles.events;

/** The topics of the event contract; each carries the events of one aggregate family, keyed by aggregate id. */
public final class Topics {

    public static final String COMMUNITY_EVENTS = "community.events.v1";
    public static final String COMMUNITY_POSTS = "community.posts.v1";
    public static final String ACTIVITY_EVENTS = "activity.events.v1";
    public static final String MERCHANT_EVENTS = "merchant.events.v1";
    public static final String MERCHANT_CONTENT = "merchant.content.v1";
    public static final String FEED_IMPRESSIONS = "feed.impressions.v1";
    public static final String PEOPLE_EVENTS = "people.events.v1";
    public static final String MEDIA_EVENTS = "media.events.v1";

    private Topics() {
    }

    /** The dead-letter topic where {@code consumer} parks the messages of {@code topic} it cannot process. */
    public static String deadLetter(String topic, String consumer) {
        return topic + ".dlq." + consumer;
    }
}
