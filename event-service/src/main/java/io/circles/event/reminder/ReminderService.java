package io.circles.event.reminder;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.circles.event.activity.Activity;
import io.circles.event.rsvp.Rsvp;
import io.circles.event.rsvp.Seats;
import io.circles.events.activity.ActivityReminder;
import io.circles.platform.db.NativeSelect;
import io.circles.platform.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Emits one activity-reminder per activity, {@code events.reminders.lead} before it starts, naming its GOING
 * attendees. Exactly once across replicas and restarts: due rows are claimed with {@code for update skip locked}
 * and marked {@code reminded_at} in the same transaction as the outbox row, so a second replica skips them while
 * they are being handled and finds them marked afterwards.
 */
@ApplicationScoped
public class ReminderService {

    static final int BATCH = 50;

    private final Outbox outbox;
    private final Duration lead;

    ReminderService(Outbox outbox, @ConfigProperty(name = "events.reminders.lead") Duration lead) {
        this.outbox = outbox;
        this.lead = lead;
    }

    /** Sends the reminders that are due now; returns how many activities were reminded. */
    @WithTransaction
    public Uni<Integer> sendDue() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.getSession().flatMap(session -> NativeSelect.of(session,
                "select id from activity where status = 'SCHEDULED' and reminded_at is null"
                        + " and starts_at > :now and starts_at <= :dueBy order by starts_at"
                        + " limit " + BATCH + " for update skip locked", String.class)
                .setParameter("now", now)
                .setParameter("dueBy", now.plus(lead))
                .getResultList())
                .flatMap(ids -> Seats.sequentially(ids, id -> remind(id, now)).replaceWith(ids.size()));
    }

    private Uni<Void> remind(String activityId, Instant now) {
        return Activity.<Activity>findById(activityId).flatMap(activity -> Rsvp.<Rsvp>list(
                "activityId = ?1 and status = ?2 order by userId", activityId, Rsvp.GOING)
                .flatMap(going -> {
                    activity.remindedAt = now;
                    List<String> attendees = going.stream().map(r -> r.userId).toList();
                    return outbox.append(new ActivityReminder(activity.id, activity.communityId, activity.title,
                            activity.startsAt, activity.venue(), attendees, now));
                }))
                .replaceWithVoid();
    }
}
