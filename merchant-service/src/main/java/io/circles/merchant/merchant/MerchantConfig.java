package io.circles.merchant.merchant;

import java.util.Set;

import io.smallrye.config.ConfigMapping;

/** Onboarding settings. */
@ConfigMapping(prefix = "merchant")
public interface MerchantConfig {

    /** Categories that go live at once with a valid licence; all others wait for review. */
    Set<String> lowRiskCategories();
}
