package io.circles.merchant.merchant;

import java.util.Locale;

/**
 * The Chinese unified social credit code (GB 32100-2015) a business licence carries: 18 characters from a 31-symbol
 * alphabet (no I, O, S, V, Z), the last a check character over the first 17.
 */
public final class SocialCreditCode {

    public static final int LENGTH = 18;

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private SocialCreditCode() {
    }

    /** The code as stored and compared: trimmed and upper-case (licences are printed in capitals). */
    public static String normalize(String code) {
        return code == null ? null : code.strip().toUpperCase(Locale.ROOT);
    }

    /** Why {@code code} is not a valid code, or null when it is. */
    public static String problem(String code) {
        String normalized = normalize(code);
        if (normalized == null || normalized.length() != LENGTH) {
            return "must be " + LENGTH + " characters";
        }
        for (int i = 0; i < LENGTH; i++) {
            if (ALPHABET.indexOf(normalized.charAt(i)) < 0) {
                return "character " + (i + 1) + " ('" + normalized.charAt(i) + "') is not allowed";
            }
        }
        if (normalized.charAt(LENGTH - 1) != checkCharacter(normalized.substring(0, LENGTH - 1))) {
            return "check character does not match";
        }
        return null;
    }

    public static boolean isValid(String code) {
        return problem(code) == null;
    }

    /** The check character for the first 17 characters of a code. */
    public static char checkCharacter(String first17) {
        if (first17.length() != LENGTH - 1) {
            throw new IllegalArgumentException("need " + (LENGTH - 1) + " characters");
        }
        int sum = 0;
        for (int i = 0; i < LENGTH - 1; i++) {
            int value = ALPHABET.indexOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("character " + first17.charAt(i) + " is not allowed");
            }
            sum += value * WEIGHTS[i];
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }
}
