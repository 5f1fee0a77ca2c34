package io.circles.merchant.merchant;

import java.util.Set;

/** Decides whether a new merchant goes live at once or waits for a platform-admin's review. */
public final class OnboardingPolicy {

    private final Set<String> lowRiskCategories;

    public OnboardingPolicy(Set<String> lowRiskCategories) {
        this.lowRiskCategories = Set.copyOf(lowRiskCategories);
    }

    /** ACTIVE for a low-risk category with a valid licence, else PENDING_REVIEW. */
    public MerchantStatus initialStatus(String category, String licenseNumber) {
        return lowRiskCategories.contains(category) && SocialCreditCode.isValid(licenseNumber)
                ? MerchantStatus.ACTIVE : MerchantStatus.PENDING_REVIEW;
    }
}
