package io.circles.notification.inbox;

import java.time.Instant;
import java.util.List;

/**
 * A notification an event calls for, before the recipient rules run: who might receive it ({@code candidates}), who
 * caused it ({@code actorId}, null for the platform), what it is about, and when it happened.
 */
public record Draft(NotificationType type, List<String> candidates, String actorId, Subject subject,
        String communityId, String activityId, String merchantId, String detail, Instant at) {

    /** What a notification is about, for a client to open: {@code kind} COMMUNITY, POST, ACTIVITY, MERCHANT or PROMOTION. */
    public record Subject(String kind, String id) {
    }

    public static Subject community(String id) {
        return new Subject("COMMUNITY", id);
    }

    public static Subject post(String id) {
        return new Subject("POST", id);
    }

    public static Subject activity(String id) {
        return new Subject("ACTIVITY", id);
    }

    public static Subject merchant(String id) {
        return new Subject("MERCHANT", id);
    }

    public static Subject promotion(String id) {
        return new Subject("PROMOTION", id);
    }
}
