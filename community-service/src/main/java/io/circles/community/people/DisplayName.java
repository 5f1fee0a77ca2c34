package io.circles.community.people;

import io.circles.platform.problem.ProblemException;

/**
 * The rule for the name cards show: 1 to 40 characters (code points, any script) once blanks are trimmed from both
 * ends, and no control characters, which would break the one-line layout of every card that shows it.
 */
public final class DisplayName {

    public static final int MAX = 40;

    private DisplayName() {
    }

    /** The trimmed name, or a 400 naming the field. */
    public static String check(String raw) {
        if (raw == null) {
            throw ProblemException.badRequest("displayName", "must not be null");
        }
        String name = trim(raw);
        if (name.isEmpty()) {
            throw ProblemException.badRequest("displayName", "must not be empty or only spaces");
        }
        if (name.codePointCount(0, name.length()) > MAX) {
            throw ProblemException.badRequest("displayName", "must be at most " + MAX + " characters");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest("displayName", "must not contain control characters");
        }
        return name;
    }

    /** Trims every kind of blank (ASCII and Unicode spaces, including no-break and ideographic spaces). */
    static String trim(String raw) {
        int start = 0;
        int end = raw.length();
        while (start < end && blank(raw.codePointAt(start))) {
            start += Character.charCount(raw.codePointAt(start));
        }
        while (end > start && blank(raw.codePointBefore(end))) {
            end -= Character.charCount(raw.codePointBefore(end));
        }
        return raw.substring(start, end);
    }

    private static boolean blank(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || codePoint == 0x200B
                || codePoint == 0xFEFF;
    }
}
