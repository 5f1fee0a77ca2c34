package io.circles.merchant.content;

import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.circles.platform.media.MediaRules;
import io.circles.platform.problem.Problem;

/** What a product listing must satisfy beyond field formats: a real ISO-4217 currency and https images. */
public final class ProductRules {

    public static final int MAX_IMAGES = 9;

    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    private ProductRules() {
    }

    public static boolean isCurrency(String code) {
        return code != null && CURRENCIES.contains(code);
    }

    /** Adds to {@code errors} what is wrong with the currency and images (either may be null: not changed). */
    public static void check(String currency, List<String> images, List<Problem.FieldError> errors) {
        if (currency != null && !isCurrency(currency)) {
            errors.add(new Problem.FieldError("currency", "must be an ISO-4217 code such as CNY"));
        }
        if (images != null) {
            if (images.size() > MAX_IMAGES) {
                errors.add(new Problem.FieldError("images", "at most " + MAX_IMAGES + " images"));
            }
            for (int i = 0; i < images.size(); i++) {
                if (!MediaRules.isHttps(images.get(i))) {
                    errors.add(new Problem.FieldError("images[" + i + "]", "must be an https URL"));
                }
            }
        }
    }
}
