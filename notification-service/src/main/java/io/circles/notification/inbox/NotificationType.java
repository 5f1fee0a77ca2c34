package io.circles.notification.inbox;

/** What a notification says happened; the contract's list (API.md, notification-service). */
public enum NotificationType {
    JOIN_REQUESTED,
    JOIN_APPROVED(true),
    JOIN_REJECTED(true),
    ROLE_CHANGED,
    WAITLIST_PROMOTED,
    ACTIVITY_REMINDER,
    ACTIVITY_UPDATED,
    ACTIVITY_CANCELLED,
    POST_COMMENTED,
    POST_LIKED,
    MERCHANT_APPROVED,
    MERCHANT_REJECTED,
    MERCHANT_SUSPENDED,
    PROMOTION_EXHAUSTED;

    private final boolean aboutOwnMembership;

    NotificationType() {
        this(false);
    }

    NotificationType(boolean aboutOwnMembership) {
        this.aboutOwnMembership = aboutOwnMembership;
    }

    /**
     * True for the answer to the recipient's own request to join: it reaches them whether or not they are a member
     * (a rejected user never was one), so the rule for people who left a private community does not apply.
     */
    public boolean aboutOwnMembership() {
        return aboutOwnMembership;
    }
}
