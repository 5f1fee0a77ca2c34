package io.circles.event.web;

import io.circles.platform.problem.ProblemException;

/** The {@code limit} query parameter of every list: default 20, 1..100, anything else a 400. */
public final class PageLimit {

    public static final int DEFAULT = 20;
    public static final int MAX = 100;

    private PageLimit() {
    }

    public static int parse(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= MAX) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below like any other out-of-range value
        }
        throw ProblemException.badRequest("limit", "must be a whole number from 1 to " + MAX);
    }
}
