package io.circles.event.activity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.circles.platform.problem.Problem;

/** The scheduling rules every activity keeps, on create and on every edit. */
public final class ActivityRules {

    public static final int MAX_CAPACITY = 10_000;
    /** Plans further ahead than this are almost always typos (a wrong year). */
    public static final Duration MAX_LEAD = Duration.ofDays(730);
    /** Multi-day trips (camping, hiking) are fine; longer is not an activity. */
    public static final Duration MAX_LENGTH = Duration.ofDays(14);

    private ActivityRules() {
    }

    /**
     * Field errors for the schedule, or none. {@code startsAtChanged} is false when an edit leaves the start alone,
     * so an activity already under way can still get a new description.
     */
    public static List<Problem.FieldError> check(Instant now, Instant startsAt, Instant endsAt, Instant rsvpOpensAt,
            Instant rsvpClosesAt, boolean startsAtChanged) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (startsAtChanged && !startsAt.isAfter(now)) {
            errors.add(new Problem.FieldError("startsAt", "must be in the future"));
        }
        if (startsAt.isAfter(now.plus(MAX_LEAD))) {
            errors.add(new Problem.FieldError("startsAt", "must be within " + MAX_LEAD.toDays() + " days from now"));
        }
        if (!endsAt.isAfter(startsAt)) {
            errors.add(new Problem.FieldError("endsAt", "must be after startsAt"));
        } else if (Duration.between(startsAt, endsAt).compareTo(MAX_LENGTH) > 0) {
            errors.add(new Problem.FieldError("endsAt", "an activity lasts at most " + MAX_LENGTH.toDays() + " days"));
        }
        if (!rsvpClosesAt.isAfter(rsvpOpensAt)) {
            errors.add(new Problem.FieldError("rsvpClosesAt", "must be after rsvpOpensAt"));
        }
        if (rsvpClosesAt.isAfter(startsAt)) {
            errors.add(new Problem.FieldError("rsvpClosesAt", "must not be after startsAt"));
        }
        return errors;
    }

    /**
     * Field errors for the host, or none: an activity belongs to exactly one community or one merchant. A blank id
     * counts as given, so it is refused rather than read as absent.
     */
    public static List<Problem.FieldError> checkHost(String communityId, String merchantId) {
        if ((communityId == null) == (merchantId == null)) {
            return List.of(new Problem.FieldError("communityId", "give exactly one of communityId and merchantId"));
        }
        if (communityId != null && communityId.isBlank()) {
            return List.of(new Problem.FieldError("communityId", "must not be blank"));
        }
        if (merchantId != null && merchantId.isBlank()) {
            return List.of(new Problem.FieldError("merchantId", "must not be blank"));
        }
        return List.of();
    }
}
