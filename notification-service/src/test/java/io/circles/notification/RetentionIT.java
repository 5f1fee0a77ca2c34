package io.circles.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.circles.notification.retention.RetentionPurge;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The purge keeps each user's newest 1,000 and nothing older than 90 days, and two replicas purging at once agree. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "notification"))
class RetentionIT {

    private static final String INSERT = """
            insert into notification (id, recipient_id, type, created_at, latest_at, subject_kind, subject_id, event_id)
            select gen_random_uuid(), $1, 'ACTIVITY_REMINDER', $2::timestamptz - make_interval(secs => n),
                $2::timestamptz - make_interval(secs => n), 'ACTIVITY', 'a' || n, 'e' || n || $1
            from generate_series(1, $3) as n""";

    @Inject
    Pool sql;

    @Inject
    RetentionPurge purge;

    @Test
    void theNewestThousandYoungerThanNinetyDaysStayAndConcurrentPurgesAgree() {
        Instant now = Instant.now();
        String busy = Tokens.newUserId("busy");
        String old = Tokens.newUserId("old");
        insert(busy, now, 1_050);
        insert(old, now.minus(91, ChronoUnit.DAYS), 3);
        insert(old, now, 2);

        // Two purges at once, as two replicas would run them: one works, the other skips the round (or finds nothing).
        List<Long> results = io.smallrye.mutiny.Uni.join().all(purge.purge(now), purge.purge(now)).andFailFast()
                .await().indefinitely();
        purge.purge(now).await().indefinitely();

        assertEquals(1_000, count(busy), "the newest 1,000 stay; results " + results);
        assertEquals(2, count(old), "nothing older than 90 days");
        assertEquals(0L, sql.preparedQuery("select count(*) from notification where recipient_id = $1 and"
                + " latest_at < $2").execute(Tuple.of(busy, now.minusSeconds(1_000).atOffset(ZoneOffset.UTC)))
                .await().indefinitely().iterator().next().getLong(0), "the oldest went first");
    }

    private void insert(String user, Instant newest, int rows) {
        sql.preparedQuery(INSERT).execute(Tuple.of(user, newest.atOffset(ZoneOffset.UTC), rows))
                .await().indefinitely();
    }

    private long count(String user) {
        return sql.preparedQuery("select count(*) from notification where recipient_id = $1")
                .execute(Tuple.of(user)).await().indefinitely().iterator().next().getLong(0);
    }

}
