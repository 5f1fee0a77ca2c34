package io.circles.event.community;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    @Test
    void publicActivitiesAreVisibleToAllPrivateOnesToMembers() {
        assertTrue(AccessPolicy.maySee(true, null, false));
        assertFalse(AccessPolicy.maySee(false, null, false));
        assertTrue(AccessPolicy.maySee(false, "MEMBER", false));
        assertTrue(AccessPolicy.maySee(false, null, true));
    }

    @Test
    void theOrganizerModeratorsOwnersAndAdminsManage() {
        assertTrue(AccessPolicy.mayManage("org", "org", "MEMBER", false));
        assertTrue(AccessPolicy.mayManage("org", "mod", "MODERATOR", false));
        assertTrue(AccessPolicy.mayManage("org", "own", "OWNER", false));
        assertTrue(AccessPolicy.mayManage("org", "admin", null, true));
        assertFalse(AccessPolicy.mayManage("org", "someone", "MEMBER", false));
        assertFalse(AccessPolicy.mayManage("org", "outsider", null, false));
    }

    @Test
    void aMerchantsActivityIsManagedByItsOrganizerItsOwnerAndAdminsAndScheduledByItsOwnerOnly() {
        assertTrue(AccessPolicy.mayManageMerchantActivity("org", "owner", "org", false));
        assertTrue(AccessPolicy.mayManageMerchantActivity("org", "owner", "owner", false));
        assertTrue(AccessPolicy.mayManageMerchantActivity("org", "owner", "admin", true));
        assertFalse(AccessPolicy.mayManageMerchantActivity("org", "owner", "someone", false));
        assertFalse(AccessPolicy.mayManageMerchantActivity("org", null, "someone", false));
        assertTrue(AccessPolicy.mayScheduleForMerchant("owner", "owner"));
        assertFalse(AccessPolicy.mayScheduleForMerchant("owner", "admin"));
    }
}
