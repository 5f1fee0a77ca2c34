package io.circles.notification.people;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.people.PersonBlocked;
import io.circles.events.people.PersonUnblocked;
import io.circles.events.people.ProfileUpdated;
import io.circles.notification.inbox.Draft;
import io.circles.notification.intake.EventHandler;
import io.circles.notification.intake.Payloads;
import io.circles.notification.live.LiveNotifications;
import io.circles.platform.messaging.IncomingEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * people.events.v1: blocks (nobody hears from someone they blocked, and what that person caused before is hidden from
 * the blocker while the block holds: see Inbox) and profiles (the names and avatars of actors). Read by field name
 * (tolerant reader): only the fields used here are required. A block or unblock that changes something tells the
 * blocker's open streams their new unread count.
 */
@ApplicationScoped
public class PeopleEvents implements EventHandler {

    private static final Set<String> TYPES = Set.of(PersonBlocked.TYPE, PersonUnblocked.TYPE, ProfileUpdated.TYPE);

    private static final String BLOCK = """
            with added as (
                insert into block (blocker_id, blocked_id) values ($1, $2) on conflict do nothing returning blocker_id
            )
            select pg_notify($3, blocker_id || ' ') from added""";
    private static final String UNBLOCK = """
            with removed as (
                delete from block where blocker_id = $1 and blocked_id = $2 returning blocker_id
            )
            select pg_notify($3, blocker_id || ' ') from removed""";
    private static final String PUT_PROFILE = """
            insert into profile (user_id, display_name, avatar_url) values ($1, $2, $3)
            on conflict (user_id) do update set display_name = excluded.display_name,
                avatar_url = excluded.avatar_url""";

    private final ObjectMapper json;

    PeopleEvents(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Set<String> types() {
        return TYPES;
    }

    @Override
    public Uni<List<Draft>> apply(SqlConnection sql, IncomingEvent event) {
        JsonNode payload = Payloads.tree(event, json);
        String statement;
        Tuple arguments;
        if (event.type().equals(ProfileUpdated.TYPE)) {
            String userId = Payloads.text(payload, "userId");
            Payloads.require(event, userId);
            statement = PUT_PROFILE;
            arguments = Tuple.of(userId, Payloads.text(payload, "displayName"), Payloads.text(payload, "avatarUrl"));
        } else {
            String blocker = Payloads.text(payload, "blockerId");
            String blocked = Payloads.text(payload, "blockedId");
            Payloads.require(event, blocker, blocked);
            statement = event.type().equals(PersonBlocked.TYPE) ? BLOCK : UNBLOCK;
            arguments = Tuple.of(blocker, blocked, LiveNotifications.CHANNEL);
        }
        return sql.preparedQuery(statement).execute(arguments).map(done -> List.<Draft>of());
    }
}
