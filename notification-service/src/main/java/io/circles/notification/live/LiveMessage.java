package io.circles.notification.live;

/** One server-sent event of a user's stream: its event name and its JSON data. */
public record LiveMessage(String name, Object data) {

    public static final String NOTIFICATION = "notification";
    public static final String UNREAD_COUNT = "unread-count";
}
