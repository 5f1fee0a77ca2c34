package io.circles.platform.consistency;

import io.circles.platform.problem.ProblemException;

/**
 * A refusal decided from a projection of another service's data: the grant may exist and not be applied yet.
 * {@link ReadYourWrites} waits for the projection to reach the end of the subject's partition and asks again once;
 * if the refusal stands, it answers as this problem.
 */
public class ProjectionMiss extends ProblemException {

    private final String channel;
    private final String key;

    /** {@code channel} is the projection's incoming channel; {@code key} the record key of the subject's events. */
    public ProjectionMiss(String channel, String key, ProblemException refusal) {
        super(refusal.status(), refusal.toProblem().title(), refusal.getMessage(), null);
        this.channel = channel;
        this.key = key;
    }

    public String channel() {
        return channel;
    }

    public String key() {
        return key;
    }
}
