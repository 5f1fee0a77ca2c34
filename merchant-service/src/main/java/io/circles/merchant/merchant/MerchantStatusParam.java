package io.circles.merchant.merchant;

import java.util.Arrays;
import java.util.Locale;

import io.circles.platform.problem.ProblemException;

/** The {@code status} query parameter of the review queue: a merchant status by name, else a 400 naming them. */
final class MerchantStatusParam {

    private MerchantStatusParam() {
    }

    static MerchantStatus parse(String status) {
        try {
            return MerchantStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("status", "must be one of " + Arrays.toString(MerchantStatus.values()));
        }
    }
}
