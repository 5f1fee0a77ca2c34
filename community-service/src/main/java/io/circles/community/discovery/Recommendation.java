package io.circles.community.discovery;

/**
 * How much a community the caller has not joined is worth recommending (docs/community-service.md, "Communities you
 * may like"). Co-membership is the strongest signal: people who share a community with the caller and also joined
 * this one say more than a matching interest tag. Each signal has diminishing returns, so one very popular community
 * cannot drown the rest.
 */
public final class Recommendation {

    /** Per unit of log(1 + fellow members who also joined): 10 fellow members weigh about 7, 100 about 14. */
    static final double CO_MEMBERSHIP = 3.0;
    /** Per interest shared with the caller's communities (or profile). */
    static final double SHARED_INTEREST = 2.0;
    /** Activities and meet-ups are local: a community in one of the caller's cities. */
    static final double SAME_CITY = 2.5;
    /** A tie-breaker toward communities with life in them, per unit of log(1 + members): 10,000 members weigh less
     * than one shared interest. */
    static final double POPULARITY = 0.2;

    private Recommendation() {
    }

    /** The score of a candidate; higher is better, 0 for a community with nothing in common and no members. */
    public static double score(int fellowMembers, int sharedInterests, boolean sameCity, int memberCount) {
        return CO_MEMBERSHIP * Math.log1p(Math.max(0, fellowMembers))
                + SHARED_INTEREST * Math.max(0, sharedInterests)
                + (sameCity ? SAME_CITY : 0)
                + POPULARITY * Math.log1p(Math.max(0, memberCount));
    }
}
