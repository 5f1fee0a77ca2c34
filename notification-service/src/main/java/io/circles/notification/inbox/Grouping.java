package io.circles.notification.inbox;

/**
 * Which notifications collapse into one while unread: the likes of one post (a popular post would otherwise bury
 * everything else under thousands of rows). Everything else stands alone.
 */
public final class Grouping {

    private Grouping() {
    }

    /** The key under which a recipient's unread notifications of this kind merge, or null for one that stands alone. */
    public static String key(NotificationType type, Draft.Subject subject) {
        return type == NotificationType.POST_LIKED ? type.name() + ":" + subject.id() : null;
    }
}
