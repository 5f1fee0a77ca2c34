package io.circles.event.community;

/**
 * Who may do what with a community's activities, decided from this service's membership projection. A null role
 * means "not a member" (never joined, left or banned).
 */
public final class AccessPolicy {

    private AccessPolicy() {
    }

    public static boolean isMember(String role) {
        return role != null;
    }

    public static boolean isModerator(String role) {
        return "OWNER".equals(role) || "MODERATOR".equals(role);
    }

    /** Public communities' activities are visible to everyone; private ones only to members (and platform admins). */
    public static boolean maySee(boolean publicCommunity, String role, boolean platformAdmin) {
        return publicCommunity || isMember(role) || platformAdmin;
    }

    /** The organizer, a community moderator/owner, or a platform admin may edit, cancel, list RSVPs and check in. */
    public static boolean mayManage(String organizerId, String callerId, String role, boolean platformAdmin) {
        return callerId.equals(organizerId) || isModerator(role) || platformAdmin;
    }

    /** A merchant's activity is managed by its organizer, the merchant's owner, or a platform admin. */
    public static boolean mayManageMerchantActivity(String organizerId, String ownerId, String callerId,
            boolean platformAdmin) {
        return callerId.equals(organizerId) || callerId.equals(ownerId) || platformAdmin;
    }

    /** Only the owner of an ACTIVE merchant schedules its activities; a platform admin does not schedule. */
    public static boolean mayScheduleForMerchant(String ownerId, String callerId) {
        return callerId.equals(ownerId);
    }
}
