package io.circles.event.rsvp;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.circles.event.activity.Activity;
import io.circles.events.IntegrationEvent;
import io.circles.events.activity.RsvpChanged;
import io.circles.platform.outbox.Outbox;
import io.circles.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/**
 * Every change to an activity's seats goes through here, inside the caller's transaction and with the activity row
 * locked ({@code select ... for update}): concurrent RSVPs queue on that lock, so the seat count they check is the
 * one they change and an activity can never be overbooked. Whatever frees seats promotes the waitlist in the same
 * transaction.
 */
@ApplicationScoped
public class Seats {

    private final Outbox outbox;

    Seats(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Loads and locks the activity until the transaction ends; 404 if there is none. Lock before reading it. */
    public Uni<Activity> lock(String activityId) {
        return Activity.<Activity>findById(activityId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no activity " + activityId));
    }

    /** Fills free seats from the waitlist, first come first served, skipping parties too big for what is left. */
    public Uni<Void> promote(Activity activity, Instant now) {
        if (activity.waitlistCount == 0 || activity.goingSeats >= activity.capacity) {
            return Uni.createFrom().voidItem();
        }
        return Rsvp.<Rsvp>list("activityId = ?1 and status = ?2 order by waitlistTicket", activity.id,
                Rsvp.WAITLISTED).flatMap(waiting -> {
                    Map<String, Rsvp> byUser = waiting.stream().collect(Collectors.toMap(r -> r.userId, r -> r));
                    List<SeatPlan.Party> line = waiting.stream()
                            .map(r -> new SeatPlan.Party(r.userId, r.guests)).toList();
                    List<IntegrationEvent> events = new ArrayList<>();
                    for (SeatPlan.Party party : SeatPlan.promotions(activity.capacity, activity.goingSeats, line)) {
                        Rsvp rsvp = byUser.get(party.userId());
                        rsvp.status = Rsvp.GOING;
                        rsvp.waitlistTicket = null;
                        rsvp.updatedAt = now;
                        activity.goingSeats += party.seats();
                        activity.waitlistCount--;
                        events.add(new RsvpChanged(activity.id, activity.communityId, rsvp.userId, "PROMOTED",
                                rsvp.guests, null, activity.goingSeats, now));
                    }
                    return appendAll(events);
                });
    }

    /** Cancels a live RSVP, records it, and promotes the waitlist into any seats it freed. */
    public Uni<Void> release(Activity activity, Rsvp rsvp, Instant now) {
        if (Rsvp.GOING.equals(rsvp.status)) {
            activity.goingSeats -= SeatPlan.seats(rsvp.guests);
        } else if (Rsvp.WAITLISTED.equals(rsvp.status)) {
            activity.waitlistCount--;
        } else {
            return Uni.createFrom().voidItem();
        }
        rsvp.status = Rsvp.CANCELLED;
        rsvp.waitlistTicket = null;
        rsvp.updatedAt = now;
        activity.updatedAt = now;
        return outbox.append(new RsvpChanged(activity.id, activity.communityId, rsvp.userId, Rsvp.CANCELLED,
                rsvp.guests, null, activity.goingSeats, now))
                .call(() -> promote(activity, now))
                .replaceWithVoid();
    }

    /**
     * A member who left or was banned loses their RSVPs to the community's upcoming activities. Activities are locked
     * one at a time in id order, so this never deadlocks with RSVP requests (which lock a single activity).
     */
    public Uni<Void> withdrawFromUpcoming(String communityId, String userId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.getSession().flatMap(session -> session.createQuery(
                "select r.activityId from Rsvp r, Activity a where a.id = r.activityId and a.communityId = :community"
                        + " and r.userId = :user and r.status in ('GOING', 'WAITLISTED') and a.status = 'SCHEDULED'"
                        + " and a.startsAt > :now order by r.activityId", String.class)
                .setParameter("community", communityId)
                .setParameter("user", userId)
                .setParameter("now", now)
                .getResultList())
                .flatMap(activityIds -> sequentially(activityIds, activityId -> lock(activityId)
                        .flatMap(activity -> Rsvp.find(activityId, userId)
                                .call(rsvp -> Panache.getSession().flatMap(session -> session.refresh(rsvp)))
                                .flatMap(rsvp -> release(activity, rsvp, now)))));
    }

    /** The 1-based place of a waitlisted RSVP; computed from tickets, so positions never have gaps. */
    public Uni<Integer> position(Rsvp rsvp) {
        if (!Rsvp.WAITLISTED.equals(rsvp.status) || rsvp.waitlistTicket == null) {
            return Uni.createFrom().nullItem();
        }
        return Rsvp.count("activityId = ?1 and status = ?2 and waitlistTicket <= ?3", rsvp.activityId,
                Rsvp.WAITLISTED, rsvp.waitlistTicket).map(Long::intValue);
    }

    public Uni<Void> appendAll(List<? extends IntegrationEvent> events) {
        return sequentially(events, outbox::append);
    }

    /** One session allows one operation at a time: run them in order. */
    public static <T> Uni<Void> sequentially(List<T> items, Function<T, Uni<?>> step) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(items)
                .onItem().transformToUniAndConcatenate(item -> step.apply(item).replaceWith(Boolean.TRUE))
                .collect().last()
                .replaceWithVoid();
    }
}
