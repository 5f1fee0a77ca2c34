package io.circles.merchant.merchant;

/**
 * Where a merchant is in review: only ACTIVE merchants publish, list products, promote or appear in search. REJECTED
 * is a review that turned the merchant down; an admin may still approve it later.
 */
public enum MerchantStatus {
    PENDING_REVIEW,
    ACTIVE,
    SUSPENDED,
    REJECTED
}
