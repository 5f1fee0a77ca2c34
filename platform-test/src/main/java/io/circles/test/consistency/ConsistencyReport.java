package io.circles.test.consistency;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What one consistency check found: the violations (none means consistent) and how much it looked at. */
public record ConsistencyReport(List<Violation> violations, Map<String, Integer> checked) {

    public ConsistencyReport {
        violations = List.copyOf(violations);
        checked = Map.copyOf(checked);
    }

    public boolean consistent() {
        return violations.isEmpty();
    }

    /** One line of totals, then one line per violation (the first {@code limit} of them). */
    public String describe(int limit) {
        String totals = checked.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        StringBuilder out = new StringBuilder(consistent() ? "consistent" : violations.size() + " violation(s)")
                .append(" (checked ").append(totals).append(')');
        violations.stream().limit(limit).forEach(v -> out.append("\n  ").append(v));
        if (violations.size() > limit) {
            out.append("\n  … and ").append(violations.size() - limit).append(" more");
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return describe(20);
    }
}
