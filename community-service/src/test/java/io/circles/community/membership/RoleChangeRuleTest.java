package io.circles.community.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.circles.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class RoleChangeRuleTest {

    @Test
    void handingOwnershipOverDemotesTheOwnerToModerator() {
        assertEquals(Role.MODERATOR, RoleChangeRule.callerRoleAfter("owner", "bob", Role.OWNER));
        assertEquals(Role.OWNER, RoleChangeRule.callerRoleAfter("owner", "bob", Role.MODERATOR));
    }

    @Test
    void theOwnerCannotChangeTheirOwnRole() {
        assertEquals(409, assertThrows(ProblemException.class,
                () -> RoleChangeRule.callerRoleAfter("owner", "owner", Role.MEMBER)).status());
    }

    @Test
    void nobodyBansThemselfOrTheOwnerAndOnlyTheOwnerBansAModerator() {
        assertEquals(409, assertThrows(ProblemException.class,
                () -> RoleChangeRule.checkBan("mod", Role.MODERATOR, false, "mod", Role.MODERATOR)).status());
        assertEquals(409, assertThrows(ProblemException.class,
                () -> RoleChangeRule.checkBan("mod", Role.MODERATOR, false, "owner", Role.OWNER)).status());
        assertEquals(403, assertThrows(ProblemException.class,
                () -> RoleChangeRule.checkBan("mod", Role.MODERATOR, false, "mod2", Role.MODERATOR)).status());
        RoleChangeRule.checkBan("owner", Role.OWNER, false, "mod2", Role.MODERATOR);
        RoleChangeRule.checkBan("admin", null, true, "mod2", Role.MODERATOR);
        RoleChangeRule.checkBan("mod", Role.MODERATOR, false, "member", Role.MEMBER);
        RoleChangeRule.checkBan("mod", Role.MODERATOR, false, "stranger", null);
    }
}
