package io.circles.merchant.merchant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.junit.jupiter.api.Test;

class OnboardingPolicyTest {

    private final OnboardingPolicy policy = new OnboardingPolicy(Set.of("cafe", "bakery"));

    @Test
    void aLowRiskCategoryWithAValidLicenceGoesLiveAtOnce() {
        assertEquals(MerchantStatus.ACTIVE, policy.initialStatus("cafe", "91350100M000100Y43"));
    }

    @Test
    void otherCategoriesWaitForReview() {
        assertEquals(MerchantStatus.PENDING_REVIEW, policy.initialStatus("pharmacy", "91350100M000100Y43"));
    }

    @Test
    void anInvalidLicenceNeverGoesLive() {
        assertEquals(MerchantStatus.PENDING_REVIEW, policy.initialStatus("cafe", "91350100M000100Y44"));
    }
}
