package io.circles.event.community;

import io.circles.platform.consistency.ProjectionMiss;
import io.circles.platform.problem.ProblemException;

/**
 * What the projection knows about a caller and a community: the community (null if unknown) and their role. Its
 * refusals are {@link ProjectionMiss}es: the grant may be on its way, and {@code ReadYourWrites} waits for it.
 */
public record Access(String communityId, Community community, String role, String callerId, boolean platformAdmin) {

    public boolean isMember() {
        return AccessPolicy.isMember(role);
    }

    /** Fails with 404 when the caller may not even know the community or its activities exist. */
    public Access requireVisible(String what) {
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
        return AccessPolicy.mayManage(organizerId, callerId, role, platformAdmin);
    }

    /** Fails unless the caller organizes the activity or moderates its community (403). */
    public Access requireManager(String organizerId, String what) {
        requireVisible(what);
        if (!mayManage(organizerId)) {
            throw miss(ProblemException.forbidden("only the organizer or a community moderator may do this"));
        }
        return this;
    }

    private ProjectionMiss miss(ProblemException refusal) {
        return new ProjectionMiss(MembershipProjection.CHANNEL, communityId, refusal);
    }
}
