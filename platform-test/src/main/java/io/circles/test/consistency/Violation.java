package io.circles.test.consistency;

/** One broken rule: which rule, about what (a user, a community, a table), and what was found. */
public record Violation(String rule, String subject, String detail) {

    @Override
    public String toString() {
        return rule + " [" + subject + "]: " + detail;
    }
}
