package io.circles.community.membership;

import io.circles.platform.problem.ProblemException;

/** Who may ban whom and how roles move, kept free of I/O so unit tests reach it. */
public final class RoleChangeRule {

    private RoleChangeRule() {
    }

    /** The role the caller (the owner) keeps after giving {@code target} the role {@code role}. */
    public static Role callerRoleAfter(String callerId, String targetId, Role role) {
        if (callerId.equals(targetId)) {
            throw ProblemException.conflict("the owner cannot change their own role; hand ownership to another member");
        }
        return role == Role.OWNER ? Role.MODERATOR : Role.OWNER;
    }

    /** Bans: nobody bans themself or the owner; only the owner or an admin bans a moderator. */
    public static void checkBan(String callerId, Role callerRole, boolean admin, String targetId, Role targetRole) {
        if (callerId.equals(targetId)) {
            throw ProblemException.conflict("you cannot ban yourself");
        }
        if (targetRole == Role.OWNER) {
            throw ProblemException.conflict("the owner cannot be banned");
        }
        if (targetRole == Role.MODERATOR && callerRole != Role.OWNER && !admin) {
            throw ProblemException.forbidden("only the owner may ban a moderator");
        }
    }
}
