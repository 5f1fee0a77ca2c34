package io.circles.notification.inbox;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A notification as its recipient reads it. {@code createdAt} is when its latest event happened (a grouped one moves up
 * with each new like); {@code actors} are the latest few, {@code count} how many acted in all.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationView(String id, String type, Instant createdAt, boolean read, List<Actor> actors, int count,
        Draft.Subject subject, Named community, Activity activity, Named merchant, String text) {

    /** Someone who acted: their profile as last announced on people.events.v1 (display name = id until then). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Actor(String id, String displayName, String avatarUrl) {
    }

    public record Named(String id, String name) {
    }

    public record Activity(String id, String title) {
    }
}
