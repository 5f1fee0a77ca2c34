package io.circles.community.topic;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.circles.platform.problem.ProblemException;

/**
 * The hashtags of a post's text, which make its topics: {@code #} or the full-width {@code ＃} followed by letters
 * and digits of any script ({@code #徒步}, {@code ＃徒步}, {@code #Coffee}); anything else (a space, punctuation,
 * another {@code #}, which closes a Weibo-style {@code #话题#}) ends the tag. Text is NFKC-normalised first, so
 * full-width forms read as their ASCII selves, and Latin is case-folded: {@code #Coffee} and {@code #ＣＯＦＦＥＥ}
 * are the topic {@code coffee}.
 */
public final class Hashtags {

    /** Longer runs are not tags people type but pasted text; they are ignored rather than cut. */
    public static final int MAX_LENGTH = 30;
    /** A post is not a tag cloud: the first ten tags count. */
    public static final int MAX_PER_POST = 10;

    private static final Pattern TAG = Pattern.compile("#([\\p{L}\\p{M}\\p{N}_]+)");

    private Hashtags() {
    }

    /** The topics of a text, in order of first appearance, without repeats; none for null. */
    public static List<String> of(String text) {
        if (text == null) {
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        String folded = fold(text);
        Matcher matcher = TAG.matcher(folded);
        int from = 0;
        while (tags.size() < MAX_PER_POST && from < folded.length() && matcher.find(from)) {
            String tag = matcher.group(1);
            if (valid(tag)) {
                tags.add(tag);
            }
            from = matcher.end();
            // Weibo writes topics as #话题#: the closing mark ends this tag, it does not open the next one.
            if (from < folded.length() && folded.charAt(from) == '#') {
                from++;
            }
        }
        return new ArrayList<>(tags);
    }

    /** A topic named in a request ({@code 徒步}, {@code #Coffee}, {@code ＃徒步}) as stored; 400 when it is none. */
    public static String parse(String tag) {
        String folded = tag == null ? "" : fold(tag.strip());
        if (folded.startsWith("#")) {
            folded = folded.substring(1);
        }
        if (!valid(folded) || !TAG.matcher("#" + folded).matches()) {
            throw ProblemException.badRequest("tag", "must be letters, digits or _ (at most " + MAX_LENGTH
                    + " characters, at least one letter)");
        }
        return folded;
    }

    private static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** A tag of digits only ({@code #1}) is a number, not a topic. */
    private static boolean valid(String tag) {
        return !tag.isEmpty() && tag.codePointCount(0, tag.length()) <= MAX_LENGTH
                && tag.codePoints().anyMatch(Character::isLetter);
    }
}
