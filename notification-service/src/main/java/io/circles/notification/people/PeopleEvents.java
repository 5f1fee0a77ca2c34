package io.circles.notification.people;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.notification.inbox.Draft;
import io.circles.notification.intake.EventHandler;
import io.circles.notification.intake.Payloads;
import io.circles.platform.messaging.IncomingEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * people.events.v1: blocks (nobody hears from someone they blocked) and profiles (the names and avatars of actors).
 * Read by field name (tolerant reader): only the fields used here are required.
 */
@ApplicationScoped
public class PeopleEvents implements EventHandler {

    static final String PERSON_BLOCKED = "io.circles.community.person-blocked.v1";
    static final String PERSON_UNBLOCKED = "io.circles.community.person-unblocked.v1";
    static final String PROFILE_UPDATED = "io.circles.community.profile-updated.v1";

    private static final Set<String> TYPES = Set.of(PERSON_BLOCKED, PERSON_UNBLOCKED, PROFILE_UPDATED);

    private static final String BLOCK = """
            insert into block (blocker_id, blocked_id) values ($1, $2) on conflict do nothing""";
    private static final String UNBLOCK = "delete from block where blocker_id = $1 and blocked_id = $2";
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
        if (event.type().equals(PROFILE_UPDATED)) {
            String userId = Payloads.text(payload, "userId");
            Payloads.require(event, userId);
            statement = PUT_PROFILE;
            arguments = Tuple.of(userId, Payloads.text(payload, "displayName"), Payloads.text(payload, "avatarUrl"));
        } else {
            String blocker = Payloads.text(payload, "blockerId");
            String blocked = Payloads.text(payload, "blockedId");
            Payloads.require(event, blocker, blocked);
            statement = event.type().equals(PERSON_BLOCKED) ? BLOCK : UNBLOCK;
            arguments = Tuple.of(blocker, blocked);
        }
        return sql.preparedQuery(statement).execute(arguments).map(done -> List.<Draft>of());
    }
}
