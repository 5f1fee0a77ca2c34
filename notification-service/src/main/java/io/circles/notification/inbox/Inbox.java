package io.circles.notification.inbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.circles.notification.live.LiveNotifications;
import io.circles.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A user's notifications: the list, the unread count, marking read. Every statement names the recipient, so a user
 * only ever reaches their own rows; someone else's id answers exactly as an unknown one does (404).
 * <p>
 * Blocks hide, they do not delete: while the recipient blocks someone, that person is left out of every notification's
 * actors (a group counts one fewer for each one left out), and a notification none of whose actors remains is left
 * out of the list, the live stream and the unread count. Lifting the block shows them again.
 */
@ApplicationScoped
public class Inbox {

    private static final String COLUMNS = """
            select n.id, n.type, n.latest_at, n.read, n.actor_ids, n.count, n.subject_kind, n.subject_id,
                n.community_id, c.name, n.activity_id, a.title, n.merchant_id, m.name, n.detail
            from notification n
            left join community c on c.id = n.community_id
            left join activity a on a.id = n.activity_id
            left join merchant m on m.id = n.merchant_id
            """;
    /**
     * The row names someone its recipient does not block, or nobody at all (a reminder, a platform decision). The
     * block table's key (blocker, blocked) answers each actor.
     */
    private static final String SHOWN = """
            (cardinality(n.actor_ids) = 0 or exists (
                select 1 from unnest(n.actor_ids) actor (id) where not exists (
                    select 1 from block b where b.blocker_id = n.recipient_id and b.blocked_id = actor.id)))
            """;
    private static final String PAGE = COLUMNS + """
            where n.recipient_id = $1 and (not $2 or not n.read)
                and ($3::timestamptz is null or (n.latest_at, n.id) < ($3::timestamptz, $4::uuid))
            """ + "and " + SHOWN + """
            order by n.latest_at desc, n.id desc
            limit $5""";
    private static final String ONE = COLUMNS + "where n.recipient_id = $1 and n.id = $2 and " + SHOWN;
    private static final String UNREAD = "select count(*) from notification n where n.recipient_id = $1 and not n.read"
            + " and " + SHOWN;
    /** Each actor's card and whether the reader blocks them. */
    private static final String ACTORS = """
            select actor.id, p.display_name, p.avatar_url,
                exists (select 1 from block b where b.blocker_id = $2 and b.blocked_id = actor.id)
            from unnest($1::text[]) actor (id) left join profile p on p.user_id = actor.id""";
    /** Marks one read and tells the recipient's open streams the new count; no row when it is not theirs. */
    private static final String READ_ONE = """
            with updated as (
                update notification set read = true where id = $1 and recipient_id = $2 returning recipient_id
            )
            select pg_notify($3, recipient_id || ' ') from updated""";
    private static final String READ_ALL = """
            with updated as (
                update notification set read = true where recipient_id = $1 and not read returning 1
            )
            select pg_notify($2, $1::text || ' ') where exists (select 1 from updated)""";

    private final Pool sql;

    Inbox(Pool sql) {
        this.sql = sql;
    }

    public Uni<Page<NotificationView>> page(String userId, boolean unreadOnly, int limit, Cursor after) {
        Tuple arguments = Tuple.from(Arrays.asList(userId, unreadOnly,
                after == null ? null : after.at().atOffset(ZoneOffset.UTC),
                after == null ? null : uuid(after.id()), limit + 1));
        return sql.preparedQuery(PAGE).execute(arguments).flatMap(rows -> views(userId, rows)).map(views -> {
            if (views.size() <= limit) {
                return new Page<>(views, null);
            }
            List<NotificationView> shown = views.subList(0, limit);
            NotificationView last = shown.get(limit - 1);
            return new Page<>(List.copyOf(shown), new Cursor(last.createdAt(), last.id()).encode());
        });
    }

    /** One of the user's notifications, or null when they have none with that id. */
    public Uni<NotificationView> one(String userId, UUID id) {
        return sql.preparedQuery(ONE).execute(Tuple.of(userId, id)).flatMap(rows -> views(userId, rows))
                .map(views -> views.isEmpty() ? null : views.get(0));
    }

    public Uni<Long> unreadCount(String userId) {
        return sql.preparedQuery(UNREAD).execute(Tuple.of(userId)).map(rows -> rows.iterator().next().getLong(0));
    }

    /** Marks one of the user's notifications read (again: no change); 404 for an id that is not theirs. */
    public Uni<Void> markRead(String userId, String id) {
        UUID uuid = parse(id);
        if (uuid == null) {
            return Uni.createFrom().failure(notFound());
        }
        return sql.preparedQuery(READ_ONE).execute(Tuple.of(uuid, userId, LiveNotifications.CHANNEL))
                .flatMap(rows -> rows.rowCount() == 0 ? Uni.createFrom().failure(notFound())
                        : Uni.createFrom().voidItem());
    }

    public Uni<Void> markAllRead(String userId) {
        return sql.preparedQuery(READ_ALL).execute(Tuple.of(userId, LiveNotifications.CHANNEL)).replaceWithVoid();
    }

    private Uni<List<NotificationView>> views(String readerId, RowSet<Row> rows) {
        List<Row> list = new ArrayList<>();
        Set<String> actorIds = new LinkedHashSet<>();
        for (Row row : rows) {
            list.add(row);
            actorIds.addAll(Arrays.asList(row.getArrayOfStrings(4)));
        }
        if (list.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return actors(readerId, actorIds).map(actors -> list.stream().map(row -> view(row, actors)).toList());
    }

    /** The actors' cards by id; the ones the reader blocks are absent. */
    private Uni<Map<String, NotificationView.Actor>> actors(String readerId, Set<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return sql.preparedQuery(ACTORS).execute(Tuple.of(ids.toArray(String[]::new), readerId)).map(rows -> {
            Map<String, NotificationView.Actor> actors = new HashMap<>();
            for (Row row : rows) {
                if (row.getBoolean(3)) {
                    continue;
                }
                String id = row.getString(0);
                String name = row.getString(1);
                actors.put(id, new NotificationView.Actor(id, name == null || name.isBlank() ? id : name,
                        row.getString(2)));
            }
            return actors;
        });
    }

    private static NotificationView view(Row row, Map<String, NotificationView.Actor> shown) {
        NotificationType type = NotificationType.valueOf(row.getString(1));
        String[] actorIds = row.getArrayOfStrings(4);
        List<NotificationView.Actor> actors = Arrays.stream(actorIds).map(shown::get).filter(Objects::nonNull)
                .toList();
        // A group counts every like; the ones of people the reader blocks that it still names come off.
        int count = Math.max(1, row.getInteger(5) - (actorIds.length - actors.size()));
        String communityId = row.getString(8);
        String activityId = row.getString(10);
        String merchantId = row.getString(12);
        NotificationView.Named community = communityId == null ? null
                : new NotificationView.Named(communityId, row.getString(9));
        NotificationView.Activity activity = activityId == null ? null
                : new NotificationView.Activity(activityId, row.getString(11));
        NotificationView.Named merchant = merchantId == null ? null
                : new NotificationView.Named(merchantId, row.getString(13));
        String about = activity != null ? activity.title() : merchant != null ? merchant.name()
                : community != null ? community.name() : null;
        String text = NotificationText.of(type, actors.stream().map(NotificationView.Actor::displayName).toList(),
                count, about, row.getString(14));
        OffsetDateTime at = row.getOffsetDateTime(2);
        Instant createdAt = at.toInstant();
        return new NotificationView(row.getUUID(0).toString(), type.name(), createdAt, row.getBoolean(3), actors,
                count, new Draft.Subject(row.getString(6), row.getString(7)), community, activity, merchant, text);
    }

    private static UUID uuid(String id) {
        UUID uuid = parse(id);
        if (uuid == null) {
            throw ProblemException.badRequest("cursor", "not a cursor returned by this list");
        }
        return uuid;
    }

    private static UUID parse(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("no such notification");
    }
}
