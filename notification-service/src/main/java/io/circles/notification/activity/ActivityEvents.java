package io.circles.notification.activity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.activity.ActivityCancelled;
import io.circles.events.activity.ActivityReminder;
import io.circles.events.activity.ActivityScheduled;
import io.circles.events.activity.ActivityUpdated;
import io.circles.events.activity.RsvpChanged;
import io.circles.notification.inbox.Draft;
import io.circles.notification.inbox.NotificationType;
import io.circles.notification.intake.EventHandler;
import io.circles.notification.intake.Payloads;
import io.circles.platform.messaging.IncomingEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * activity.events.v1: activities and who is GOING or WAITLISTED, so changes and cancellations reach every attendee,
 * a promotion off the waitlist reaches the promoted one, and reminders reach those the reminder names.
 */
@ApplicationScoped
public class ActivityEvents implements EventHandler {

    private static final Set<String> TYPES = Set.of(ActivityScheduled.TYPE, ActivityUpdated.TYPE,
            ActivityCancelled.TYPE, ActivityReminder.TYPE, RsvpChanged.TYPE);

    private static final String PUT_ACTIVITY = """
            insert into activity (id, community_id, title) values ($1, $2, $3)
            on conflict (id) do update set title = coalesce(excluded.title, activity.title),
                community_id = coalesce(excluded.community_id, activity.community_id)""";
    private static final String PUT_ATTENDEE = """
            insert into attendee (activity_id, user_id, status) values ($1, $2, $3)
            on conflict (activity_id, user_id) do update set status = excluded.status""";
    private static final String REMOVE_ATTENDEE = "delete from attendee where activity_id = $1 and user_id = $2";
    private static final String ATTENDEES = "select user_id from attendee where activity_id = $1";

    private final ObjectMapper json;

    ActivityEvents(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Set<String> types() {
        return TYPES;
    }

    @Override
    public Uni<List<Draft>> apply(SqlConnection sql, IncomingEvent event) {
        return switch (event.type()) {
            case ActivityScheduled.TYPE -> {
                ActivityScheduled scheduled = event.dataAs(ActivityScheduled.class, json);
                Payloads.require(event, scheduled.activityId());
                yield run(sql, PUT_ACTIVITY, Tuple.of(scheduled.activityId(), scheduled.communityId(),
                        scheduled.title()))
                        .chain(() -> scheduled.organizerId() == null ? Uni.createFrom().voidItem()
                                : run(sql, PUT_ATTENDEE, Tuple.of(scheduled.activityId(), scheduled.organizerId(),
                                        "GOING")))
                        .map(done -> List.<Draft>of());
            }
            case ActivityUpdated.TYPE -> {
                ActivityUpdated updated = event.dataAs(ActivityUpdated.class, json);
                Payloads.require(event, updated.activityId());
                yield run(sql, PUT_ACTIVITY, Tuple.of(updated.activityId(), updated.communityId(), updated.title()))
                        .chain(() -> attendees(sql, updated.activityId()))
                        .map(attendees -> List.of(new Draft(NotificationType.ACTIVITY_UPDATED, attendees,
                                updated.updatedBy(), Draft.activity(updated.activityId()), updated.communityId(),
                                updated.activityId(), null, null, updated.updatedAt())));
            }
            case ActivityCancelled.TYPE -> {
                ActivityCancelled cancelled = event.dataAs(ActivityCancelled.class, json);
                Payloads.require(event, cancelled.activityId());
                yield attendees(sql, cancelled.activityId())
                        .map(attendees -> List.of(new Draft(NotificationType.ACTIVITY_CANCELLED, attendees,
                                cancelled.cancelledBy(), Draft.activity(cancelled.activityId()),
                                cancelled.communityId(), cancelled.activityId(), null, null,
                                cancelled.cancelledAt())));
            }
            case ActivityReminder.TYPE -> {
                ActivityReminder reminder = event.dataAs(ActivityReminder.class, json);
                Payloads.require(event, reminder.activityId());
                List<String> attendees = reminder.attendeeIds() == null ? List.of() : reminder.attendeeIds();
                yield run(sql, PUT_ACTIVITY, Tuple.of(reminder.activityId(), reminder.communityId(), reminder.title()))
                        .map(done -> List.of(new Draft(NotificationType.ACTIVITY_REMINDER, attendees, null,
                                Draft.activity(reminder.activityId()), reminder.communityId(),
                                reminder.activityId(), null, null, reminder.remindedAt())));
            }
            case RsvpChanged.TYPE -> {
                RsvpChanged changed = event.dataAs(RsvpChanged.class, json);
                Payloads.require(event, changed.activityId(), changed.userId(), changed.status());
                Tuple who = Tuple.of(changed.activityId(), changed.userId());
                yield switch (changed.status()) {
                    case "CANCELLED" -> run(sql, REMOVE_ATTENDEE, who).map(done -> List.<Draft>of());
                    case "PROMOTED" -> run(sql, PUT_ATTENDEE, Tuple.of(changed.activityId(), changed.userId(),
                            "GOING"))
                            .map(done -> List.of(new Draft(NotificationType.WAITLIST_PROMOTED,
                                    List.of(changed.userId()), null, Draft.activity(changed.activityId()),
                                    changed.communityId(), changed.activityId(), null, null, changed.changedAt())));
                    case "GOING", "WAITLISTED" -> run(sql, PUT_ATTENDEE, Tuple.of(changed.activityId(),
                            changed.userId(), changed.status())).map(done -> List.<Draft>of());
                    default -> Uni.createFrom().item(List.<Draft>of());
                };
            }
            default -> Uni.createFrom().item(List.<Draft>of());
        };
    }

    private static Uni<List<String>> attendees(SqlConnection sql, String activityId) {
        return sql.preparedQuery(ATTENDEES).execute(Tuple.of(activityId)).map(rows -> {
            List<String> ids = new ArrayList<>();
            for (Row row : rows) {
                ids.add(row.getString(0));
            }
            return ids;
        });
    }

    private static Uni<Void> run(SqlConnection sql, String statement, Tuple arguments) {
        return sql.preparedQuery(statement).execute(arguments).replaceWithVoid();
    }
}
