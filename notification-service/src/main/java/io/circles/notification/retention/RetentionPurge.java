package io.circles.notification.retention;

import java.time.Instant;
import java.time.ZoneOffset;

import io.circles.notification.NotificationConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps each user's newest notifications (1,000) and nothing older than the retention age (90 days), with the delivery
 * marks of the same age. Every replica schedules it; a transaction-scoped advisory lock lets one of them work at a
 * time and the others skip that round (the deletes would be harmless twice, only wasted).
 */
@ApplicationScoped
public class RetentionPurge {

    /** The advisory lock key: any constant no other code of this database uses. */
    private static final long LOCK = 0x6e6f7469667931L;

    private static final String TRY_LOCK = "select pg_try_advisory_xact_lock($1)";
    private static final String TOO_OLD = "delete from notification where latest_at < $1";
    private static final String OLD_MARKS = "delete from notification_delivery where delivered_at < $1";
    private static final String BEYOND_NEWEST = """
            delete from notification n using (
                select id from (
                    select id, row_number() over (partition by recipient_id order by latest_at desc, id desc) as rank
                    from notification
                    where recipient_id in (select recipient_id from notification group by recipient_id
                        having count(*) > $1)
                ) ranked where rank > $1
            ) old where n.id = old.id""";

    private final Pool sql;
    private final NotificationConfig config;

    RetentionPurge(Pool sql, NotificationConfig config) {
        this.sql = sql;
        this.config = config;
    }

    @Scheduled(every = "${notifications.retention.purge-interval}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purge(Instant.now()).replaceWithVoid();
    }

    /** Purges as of {@code now}; the number of notifications deleted, or -1 when another replica holds the lock. */
    public Uni<Long> purge(Instant now) {
        Tuple cutoff = Tuple.of(now.minus(config.retention().maxAge()).atOffset(ZoneOffset.UTC));
        return sql.withTransaction(connection -> connection.preparedQuery(TRY_LOCK).execute(Tuple.of(LOCK))
                .flatMap(locked -> {
                    if (!locked.iterator().next().getBoolean(0)) {
                        return Uni.createFrom().item(-1L);
                    }
                    return connection.preparedQuery(TOO_OLD).execute(cutoff)
                            .flatMap(old -> connection.preparedQuery(BEYOND_NEWEST)
                                    .execute(Tuple.of(config.retention().maxPerUser()))
                                    .map(beyond -> (long) old.rowCount() + beyond.rowCount()))
                            .call(() -> connection.preparedQuery(OLD_MARKS).execute(cutoff));
                }));
    }
}
