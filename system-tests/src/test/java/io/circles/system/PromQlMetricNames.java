package io.circles.system;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads: identifiers used as selectors, bare or followed by {@code {} or
 * {@code [}, leaving out functions (an identifier followed by {@code (}), aggregation operators, keywords, label
 * names (inside {@code {…}} and the {@code by}/{@code without}/{@code on}/{@code ignoring}/{@code group_*} lists),
 * string literals, numbers and durations, and Grafana variables ({@code $__rate_interval}, {@code ${DS}}).
 * Names are returned as written: a {@code _bucket}/{@code _count}/{@code _sum} series is compared with the series a
 * service exposes, which carry the same suffixes.
 */
final class PromQlMetricNames {

    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LISTS = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    /** A Grafana variable, a number or duration, or an identifier; in that order, so {@code 5m} is no name. */
    private static final Pattern TOKENS = Pattern.compile(
            "\\$\\{[^}]*}|\\$\\w+|\\d[\\w.]*|\\.\\d[\\w]*|([A-Za-z_:][A-Za-z0-9_:]*)(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "offset", "bool", "inf", "nan", "sum", "min", "max", "avg", "group",
            "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio",
            "atan2");

    private PromQlMetricNames() {
    }

    static Set<String> of(String expression) {
        String rest = STRINGS.matcher(expression).replaceAll(" ");
        rest = MATCHERS.matcher(rest).replaceAll(" ");
        rest = RANGES.matcher(rest).replaceAll(" ");
        rest = LABEL_LISTS.matcher(rest).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher token = TOKENS.matcher(rest);
        while (token.find()) {
            String name = token.group(1);
            boolean call = token.group(2) != null;
            if (name != null && !call && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }
}
