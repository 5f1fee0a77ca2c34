package io.circles.community.people;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.circles.community.web.Page;
import io.circles.community.web.PageRequest;
import io.circles.events.people.PersonBlocked;
import io.circles.events.people.PersonUnblocked;
import io.circles.platform.outbox.Outbox;
import io.circles.platform.outbox.OutboxEvent;
import io.circles.platform.outbox.OutboxRelay;
import io.circles.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Blocks between people. Each change is one statement that also writes its outbox row, only when something changed,
 * so a repeat is harmless and tells no one. A block is never visible to the person blocked.
 */
@ApplicationScoped
public class BlockService {

    /** User ids come from the token issuer; anything longer is not one. */
    static final int MAX_ID = 200;

    private static final String BLOCK = """
            with added as (
                insert into person_block (blocker_id, blocked_id, created_at) values ($1, $2, $3)
                on conflict do nothing
                returning blocker_id
            )
            insert into outbox_event (id, topic, record_key, type, source, subject, occurred_at, payload, traceparent)
            select $4::uuid, $5::text, $6::text, $7::text, $8::text, $9::text, $10::timestamptz, $11::text, $12::text
            from added""";

    private static final String UNBLOCK = """
            with removed as (
                delete from person_block where blocker_id = $1 and blocked_id = $2
                returning blocker_id
            )
            insert into outbox_event (id, topic, record_key, type, source, subject, occurred_at, payload, traceparent)
            select $3::uuid, $4::text, $5::text, $6::text, $7::text, $8::text, $9::timestamptz, $10::text, $11::text
            from removed""";

    private final Pool sql;
    private final Outbox outbox;
    private final OutboxRelay relay;

    BlockService(Pool sql, Outbox outbox, OutboxRelay relay) {
        this.sql = sql;
        this.outbox = outbox;
        this.relay = relay;
    }

    /** Blocks {@code blockedId} (idempotent); blocking oneself is a 400. */
    public Uni<Void> block(String blockerId, String blockedId) {
        checkOther(blockerId, blockedId);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        OutboxEvent event = outbox.prepare(new PersonBlocked(blockerId, blockedId));
        Tuple params = event.appendTo(Tuple.tuple().addString(blockerId).addString(blockedId)
                .addValue(OutboxEvent.utc(now)));
        return sql.preparedQuery(BLOCK).execute(params).invoke(rows -> wakeIf(rows.rowCount())).replaceWithVoid();
    }

    /** Lifts a block; lifting one that is not there changes nothing. */
    public Uni<Void> unblock(String blockerId, String blockedId) {
        checkOther(blockerId, blockedId);
        OutboxEvent event = outbox.prepare(new PersonUnblocked(blockerId, blockedId));
        Tuple params = event.appendTo(Tuple.tuple().addString(blockerId).addString(blockedId));
        return sql.preparedQuery(UNBLOCK).execute(params).invoke(rows -> wakeIf(rows.rowCount())).replaceWithVoid();
    }

    /** The people the caller blocks, oldest block first. */
    public Uni<Page<PeopleViews.BlockView>> list(String blockerId, PageRequest page) {
        Tuple args = Tuple.of(blockerId);
        String sqlText = "select b.blocked_id, b.created_at, pr.display_name, pr.avatar_url from person_block b"
                + " left join profile pr on pr.user_id = b.blocked_id where b.blocker_id = $1";
        if (!page.first()) {
            List<String> after = page.after(2);
            args.addOffsetDateTime(time(after.get(0)).atOffset(ZoneOffset.UTC)).addString(after.get(1));
            sqlText += " and (b.created_at, b.blocked_id) > ($2, $3)";
        }
        args.addInteger(page.limit() + 1);
        sqlText += " order by b.created_at, b.blocked_id limit $" + args.size();
        return sql.preparedQuery(sqlText).execute(args).map(rows -> {
            List<Row> list = new ArrayList<>();
            rows.forEach(list::add);
            List<PeopleViews.BlockView> items = list.stream().limit(page.limit()).map(row -> {
                String id = row.getString("blocked_id");
                return new PeopleViews.BlockView(id,
                        AuthorProfile.of(id, row.getString("display_name"), row.getString("avatar_url")),
                        row.getOffsetDateTime("created_at").toInstant());
            }).toList();
            String next = null;
            if (list.size() > page.limit()) {
                Row last = list.get(page.limit() - 1);
                next = PageRequest.encode(last.getOffsetDateTime("created_at").toInstant().toString(),
                        last.getString("blocked_id"));
            }
            return new Page<>(items, next);
        });
    }

    private void wakeIf(int recorded) {
        if (recorded > 0) {
            relay.wake();
        }
    }

    private static void checkOther(String blockerId, String blockedId) {
        if (blockedId.isBlank() || blockedId.length() > MAX_ID) {
            throw ProblemException.badRequest("userId", "must be a user id of 1 to " + MAX_ID + " characters");
        }
        if (blockerId.equals(blockedId)) {
            throw ProblemException.badRequest("userId", "you cannot block yourself");
        }
    }

    private static Instant time(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("cursor", "not a cursor of this list");
        }
    }
}
