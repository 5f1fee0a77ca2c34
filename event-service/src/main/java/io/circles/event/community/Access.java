package io.circles.event.community;

import io.circles.event.merchant.Merchant;
import io.circles.event.merchant.MerchantProjection;
import io.circles.platform.consistency.ProjectionMiss;
import io.circles.platform.problem.ProblemException;

/**
 * What the projections know about a caller and an activity's host: for a community, the community (null if unknown)
 * and the caller's role; for a merchant ({@code merchantId} set, {@code communityId} null), the merchant (null if
 * unknown). A merchant's activities are open to everyone; its owner manages them. Refusals are
 * {@link ProjectionMiss}es: the grant may be on its way, and {@code ReadYourWrites} waits for it.
 */
public record Access(String communityId, Community community, String role, String callerId, boolean platformAdmin,
        String merchantId, Merchant merchant) {

    /** A community's activity. */
    public Access(String communityId, Community community, String role, String callerId, boolean platformAdmin) {
        this(communityId, community, role, callerId, platformAdmin, null, null);
    }

    /** A merchant's activity. */
    public static Access ofMerchant(String merchantId, Merchant merchant, String callerId, boolean platformAdmin) {
        return new Access(null, null, null, callerId, platformAdmin, merchantId, merchant);
    }

    public boolean merchantHosted() {
        return merchantId != null;
    }

    public boolean isMember() {
        return merchantHosted() || AccessPolicy.isMember(role);
    }

    /** Whether the host takes RSVPs: a community not archived (a suspended merchant's activities are cancelled). */
    public boolean hostActive() {
        return merchantHosted() || community.isActive();
    }

    /** Fails with 404 when the caller may not even know the community or its activities exist. */
    public Access requireVisible(String what) {
        if (merchantHosted()) {
            return this;
        }
        if (community == null || !AccessPolicy.maySee(community.isPublic(), role, platformAdmin)) {
            throw miss(ProblemException.notFound("no " + what));
        }
        return this;
    }

    /** Fails unless the caller is a member (403), after hiding private communities from outsiders (404). */
    public Access requireMember(String what) {
        requireVisible(what);
        if (!isMember()) {
            throw miss(ProblemException.forbidden("only members of community " + communityId
                    + " may do this"));
        }
        return this;
    }

    public boolean mayManage(String organizerId) {
        if (merchantHosted()) {
            return AccessPolicy.mayManageMerchantActivity(organizerId, merchant == null ? null : merchant.ownerId,
                    callerId, platformAdmin);
        }
        return AccessPolicy.mayManage(organizerId, callerId, role, platformAdmin);
    }

    /** Fails unless the caller organizes the activity or moderates its community (owns its merchant) (403). */
    public Access requireManager(String organizerId, String what) {
        requireVisible(what);
        if (!mayManage(organizerId)) {
            throw miss(ProblemException.forbidden(merchantHosted()
                    ? "only the owner of merchant " + merchantId + " may do this"
                    : "only the organizer or a community moderator may do this"));
        }
        return this;
    }

    private ProjectionMiss miss(ProblemException refusal) {
        return merchantHosted() ? new ProjectionMiss(MerchantProjection.CHANNEL, merchantId, refusal)
                : new ProjectionMiss(MembershipProjection.CHANNEL, communityId, refusal);
    }
}
