package io.circles.merchant.promotion;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Promotion settings. */
@ConfigMapping(prefix = "circles.promotion")
public interface PromotionConfig {

    /**
     * Free impressions a new merchant's first promotion gets on top of its budget: 1000 is about a day's reach of a
     * neighbourhood shop, enough to learn whether promoting works before paying for more.
     */
    @WithDefault("1000")
    long starterImpressions();
}
