package io.circles.notification.inbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.circles.notification.NotificationConfig;
import io.circles.notification.live.LiveNotifications;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes the notifications an event calls for, inside the transaction that applies the event to the projections.
 * Exactly once per recipient: each row goes in with its (event id, recipient) delivery mark in one statement, so a
 * redelivered or replayed event, or the same event on a second replica, writes nothing. Each written row announces
 * itself with NOTIFY, which PostgreSQL delivers on commit to every replica's live streams.
 */
@ApplicationScoped
public class NotificationStore {

    /**
     * The delivery mark, then the notification only if the mark is new. A grouped notification (group_key set) merges
     * into the recipient's unread one of the same group: one more in the count, the new actor first among the latest
     * ($15 of them).
     */
    private static final String DELIVER = """
            with first as (
                insert into notification_delivery (event_id, recipient_id) values ($1, $2)
                on conflict do nothing returning 1
            ), written as (
                insert into notification (id, recipient_id, type, created_at, latest_at, actor_ids, count, subject_kind,
                    subject_id, community_id, activity_id, merchant_id, detail, group_key, event_id)
                select $3, $2, $4, $5, $5, $6, 1, $7, $8, $9, $10, $11, $12, $13, $1 from first
                on conflict (recipient_id, group_key) where not read and group_key is not null do update set
                    count = notification.count + 1,
                    actor_ids = (excluded.actor_ids
                        || array_remove(notification.actor_ids, excluded.actor_ids[1]))[1:$14],
                    latest_at = greatest(notification.latest_at, excluded.latest_at),
                    detail = excluded.detail
                returning id, recipient_id
            )
            select pg_notify($15, recipient_id || ' ' || id) from written""";

    private static final String BLOCKERS = "select blocker_id from block where blocked_id = $1 and blocker_id = any($2)";
    private static final String LEFT_PRIVATE = """
            select m.user_id from community_member m join community c on c.id = m.community_id
            where m.community_id = $1 and c.visibility = 'PRIVATE' and m.status = 'LEFT' and m.user_id = any($2)""";

    private final NotificationConfig config;

    NotificationStore(NotificationConfig config) {
        this.config = config;
    }

    /** Writes each draft to its recipients on {@code connection} (in the caller's transaction). */
    public Uni<Void> deliver(SqlConnection connection, String eventId, List<Draft> drafts) {
        return Multi.createFrom().iterable(drafts)
                .onItem().transformToUniAndConcatenate(draft -> deliver(connection, eventId, draft))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> deliver(SqlConnection connection, String eventId, Draft draft) {
        Instant at = draft.at() == null ? Instant.now() : draft.at();
        if (at.isBefore(Instant.now().minus(config.retention().maxAge()))) {
            // A replay of an event older than the retention window would only write what the purge deletes.
            return Uni.createFrom().voidItem();
        }
        String[] candidates = draft.candidates().stream().filter(c -> c != null && !c.isBlank())
                .distinct().toArray(String[]::new);
        if (candidates.length == 0) {
            return Uni.createFrom().voidItem();
        }
        Uni<Set<String>> blockers = draft.actorId() == null ? Uni.createFrom().item(Set.of())
                : ids(connection, BLOCKERS, Tuple.of(draft.actorId(), candidates));
        Uni<Set<String>> left = draft.communityId() == null ? Uni.createFrom().item(Set.of())
                : ids(connection, LEFT_PRIVATE, Tuple.of(draft.communityId(), candidates));
        return blockers.flatMap(blocked -> left.flatMap(gone -> {
            List<String> recipients = Recipients.of(draft.type(), List.of(candidates), draft.actorId(), blocked, gone);
            return Multi.createFrom().iterable(recipients)
                    .onItem().transformToUniAndConcatenate(recipient -> write(connection, eventId, recipient, draft, at))
                    .collect().last().replaceWithVoid();
        }));
    }

    private Uni<Void> write(SqlConnection connection, String eventId, String recipient, Draft draft, Instant at) {
        String[] actors = draft.actorId() == null ? new String[0] : new String[] {draft.actorId()};
        List<Object> values = new ArrayList<>();
        values.add(eventId);
        values.add(recipient);
        values.add(UUID.randomUUID());
        values.add(draft.type().name());
        values.add(at.atOffset(ZoneOffset.UTC));
        values.add(actors);
        values.add(draft.subject().kind());
        values.add(draft.subject().id());
        values.add(draft.communityId());
        values.add(draft.activityId());
        values.add(draft.merchantId());
        values.add(draft.detail());
        values.add(Grouping.key(draft.type(), draft.subject()));
        values.add(config.grouping().actorsShown());
        values.add(LiveNotifications.CHANNEL);
        return connection.preparedQuery(DELIVER).execute(Tuple.from(values)).replaceWithVoid();
    }

    private static Uni<Set<String>> ids(SqlConnection connection, String sql, Tuple arguments) {
        return connection.preparedQuery(sql).execute(arguments).map(rows -> {
            Set<String> ids = new HashSet<>();
            for (Row row : rows) {
                ids.add(row.getString(0));
            }
            return ids;
        });
    }
}
