package io.circles.merchant.merchant;

import io.circles.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/** Who may see and act for a merchant: the rules every feature of the service shares. */
public final class MerchantAccess {

    private MerchantAccess() {
    }

    /** Anyone sees an ACTIVE merchant; one under review or suspended is visible only to its owner and admins. */
    public static boolean canSee(Merchant merchant, String callerId, boolean admin) {
        return merchant.status == MerchantStatus.ACTIVE || admin || merchant.isOwnedBy(callerId);
    }

    /** Throws unless the caller owns the merchant and it is ACTIVE: only then may it publish, list or promote. */
    public static void requireActiveOwner(Merchant merchant, String callerId) {
        if (!merchant.isOwnedBy(callerId)) {
            throw ProblemException.forbidden("only the owner of merchant " + merchant.id + " may do this");
        }
        if (merchant.status != MerchantStatus.ACTIVE) {
            throw ProblemException.conflict("merchant " + merchant.id + " is " + merchant.status
                    + "; only ACTIVE merchants publish, list products or promote");
        }
    }

    /** The merchant, or 404 when it does not exist or the caller may not see it. */
    public static Uni<Merchant> findVisible(String merchantId, String callerId, boolean admin) {
        return Merchant.<Merchant>findById(merchantId)
                .map(merchant -> {
                    if (merchant == null || !canSee(merchant, callerId, admin)) {
                        throw ProblemException.notFound("no merchant " + merchantId);
                    }
                    return merchant;
                });
    }
}
