package io.circles.feed.explore;

/**
 * How much an item trends: engagement, decayed by age, as Hacker News ranks stories. A comment costs more than a like,
 * an RSVP (a person going somewhere) more than a comment; the {@code + 1} lets a fresh item with no engagement yet
 * still rank among the others by its age, and the {@code + 2} hours keep the first hours from dominating. With the
 * exponent 1.5 an item a day old scores about a fiftieth of a fresh one with the same engagement ((26/2)^1.5 ≈ 47),
 * a week-old one under a seven-hundredth ((170/2)^1.5 ≈ 784).
 */
public final class TrendScore {

    static final double LIKE = 1;
    static final double COMMENT = 2;
    static final double GOING = 3;
    static final double GRAVITY = 1.5;
    private static final double HOUR_MS = 3_600_000d;

    private TrendScore() {
    }

    /** {@code (likes + 2·comments + 3·going + 1) / (ageHours + 2)^1.5}; an item from the future counts as new. */
    public static double of(long likes, long comments, long going, long ageMillis) {
        double engagement = LIKE * Math.max(0, likes) + COMMENT * Math.max(0, comments)
                + GOING * Math.max(0, going) + 1;
        double ageHours = Math.max(0, ageMillis) / HOUR_MS;
        return engagement / Math.pow(ageHours + 2, GRAVITY);
    }
}
