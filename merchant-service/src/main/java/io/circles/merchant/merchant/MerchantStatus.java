package io.circles.merchant.merchant;

/** Where a merchant is in review: only ACTIVE merchants publish, list products, promote or appear in search. */
public enum MerchantStatus {
    PENDING_REVIEW,
    ACTIVE,
    SUSPENDED
}
