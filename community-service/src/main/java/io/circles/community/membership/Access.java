package io.circles.community.membership;

import io.circles.community.community.Community;
import io.circles.community.community.Visibility;
import io.circles.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * What the caller may do in one community, from their membership and role. Platform admins moderate
 * anywhere, but only an owner changes roles.
 */
public record Access(Community community, Membership membership, boolean admin) {

    /** Loads the community (404 when unknown) and the caller's membership; needs a session. */
    public static Uni<Access> load(String communityId, String callerId, boolean admin) {
        return Community.<Community>findById(communityId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no community " + communityId))
                .flatMap(community -> Membership.find(communityId, callerId)
                        .map(membership -> new Access(community, membership, admin)));
    }

    public boolean member() {
        return membership != null && membership.status == MembershipStatus.MEMBER;
    }

    public boolean owner() {
        return member() && membership.role == Role.OWNER;
    }

    public boolean moderator() {
        return admin || member() && (membership.role == Role.OWNER || membership.role == Role.MODERATOR);
    }

    /** Private communities' content and member lists are for members only. */
    public boolean canRead() {
        return community.visibility == Visibility.PUBLIC || member() || admin;
    }

    public boolean active() {
        return "ACTIVE".equals(community.status);
    }

    public Access requireRead() {
        if (!canRead()) {
            throw ProblemException.forbidden("community " + community.id + " is private: members only");
        }
        return this;
    }

    public Access requireMember() {
        if (!member()) {
            throw ProblemException.forbidden("only members of community " + community.id + " may do this");
        }
        return this;
    }

    public Access requireModerator() {
        if (!moderator()) {
            throw ProblemException.forbidden("only the owner or a moderator of community " + community.id
                    + " may do this");
        }
        return this;
    }

    public Access requireOwner() {
        if (!owner()) {
            throw ProblemException.forbidden("only the owner of community " + community.id + " may do this");
        }
        return this;
    }

    public Access requireActive() {
        if (!active()) {
            throw ProblemException.conflict("community " + community.id + " is archived");
        }
        return this;
    }
}
