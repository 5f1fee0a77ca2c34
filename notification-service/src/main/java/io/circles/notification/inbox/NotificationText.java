package io.circles.notification.inbox;

import java.util.List;

/**
 * The sentence a client shows for a notification, from its type, the names of its latest actors, how many acted and
 * the name of what it is about. Written at read time, so a renamed person or activity reads right everywhere.
 */
public final class NotificationText {

    private static final int DETAIL_SHOWN = 80;

    private NotificationText() {
    }

    public static String of(NotificationType type, List<String> actorNames, int count, String about, String detail) {
        String who = who(actorNames, count);
        String what = about == null || about.isBlank() ? switch (type) {
            case MERCHANT_APPROVED, MERCHANT_REJECTED, MERCHANT_SUSPENDED, PROMOTION_EXHAUSTED -> "your merchant";
            case JOIN_REQUESTED, JOIN_APPROVED, JOIN_REJECTED, ROLE_CHANGED -> "the community";
            default -> "the activity";
        } : about;
        return switch (type) {
            case JOIN_REQUESTED -> who + " asked to join " + what;
            case JOIN_APPROVED -> "Your request to join " + what + " was approved";
            case JOIN_REJECTED -> "Your request to join " + what + " was declined";
            case ROLE_CHANGED -> "You are now " + role(detail) + " of " + what;
            case WAITLIST_PROMOTED -> "A place opened up: you are going to " + what;
            case ACTIVITY_REMINDER -> what + " starts soon";
            case ACTIVITY_UPDATED -> what + " was updated";
            case ACTIVITY_CANCELLED -> what + " was cancelled";
            case POST_COMMENTED -> who + " commented on your post" + (detail == null || detail.isBlank() ? ""
                    : ": " + shortened(detail));
            case POST_LIKED -> who + " liked your post";
            case MERCHANT_APPROVED -> what + " was approved: you can publish now";
            case MERCHANT_REJECTED -> what + " was not approved" + (detail == null || detail.isBlank() ? ""
                    : ": " + detail.strip());
            case MERCHANT_SUSPENDED -> what + " was suspended";
            case PROMOTION_EXHAUSTED -> "A promotion of " + what + " has served its whole budget";
        };
    }

    /** "Ann", "Ann and Bob", "Ann and 41 others". */
    static String who(List<String> actorNames, int count) {
        if (actorNames.isEmpty()) {
            return "Someone";
        }
        String first = actorNames.get(0);
        int others = Math.max(count, actorNames.size()) - 1;
        if (others == 0) {
            return first;
        }
        if (others == 1 && actorNames.size() > 1) {
            return first + " and " + actorNames.get(1);
        }
        return first + " and " + others + (others == 1 ? " other" : " others");
    }

    private static String role(String role) {
        return role == null ? "a member" : switch (role) {
            case "OWNER" -> "the owner";
            case "MODERATOR" -> "a moderator";
            default -> "a member";
        };
    }

    private static String shortened(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= DETAIL_SHOWN ? flat : flat.substring(0, DETAIL_SHOWN - 1) + "…";
    }
}
