package io.circles.event.people;

import java.time.Instant;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.people.ProfileUpdated;
import io.circles.platform.messaging.IncomingEvent;
import io.circles.platform.messaging.TransientFailures;
import io.circles.platform.messaging.UnprocessableEventException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes people.events.v1 into {@code person_profile}, the names and avatars RSVP lists show. profile-updated
 * carries the whole card, so one guarded upsert applies it: a profile row is replaced only by a strictly newer
 * {@code updatedAt}, which makes a redelivered or late event change nothing without a dedupe mark. Other types are
 * skipped (tolerant reader); unreadable records are dead-lettered and database outages retried in place, as in the
 * other projections. Offsets are not tracked for read-your-writes ({@code AppliedOffsets}): no request is refused
 * from this projection, a missing profile only shows the person's id.
 */
@ApplicationScoped
public class PeopleProjection {

    static final String CHANNEL = "people-events";

    private static final String PUT_PROFILE = """
            insert into person_profile (user_id, display_name, avatar_url, updated_at) values ($1, $2, $3, $4)
            on conflict (user_id) do update
            set display_name = excluded.display_name, avatar_url = excluded.avatar_url, updated_at = excluded.updated_at
            where person_profile.updated_at < excluded.updated_at""";

    private final Pool sql;
    private final ObjectMapper json;

    PeopleProjection(Pool sql, ObjectMapper json) {
        this.sql = sql;
        this.json = json;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return TransientFailures.retried(() -> apply(IncomingEvent.from(record)), IncomingEvent.describe(record));
    }

    Uni<Void> apply(IncomingEvent event) {
        if (!ProfileUpdated.TYPE.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        ProfileUpdated updated = event.dataAs(ProfileUpdated.class, json);
        if (updated.userId() == null || updated.userId().isBlank()) {
            throw new UnprocessableEventException("event " + event.id() + " (" + event.type() + ") lacks a userId");
        }
        // The profile's own time orders its versions; ce_time (when the change committed) if a producer left it out.
        Instant at = updated.updatedAt() == null ? event.time() : updated.updatedAt();
        return sql.preparedQuery(PUT_PROFILE)
                .execute(Tuple.of(updated.userId(), updated.displayName(), updated.avatarUrl(),
                        at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}
