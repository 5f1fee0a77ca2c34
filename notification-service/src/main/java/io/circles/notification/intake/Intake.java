package io.circles.notification.intake;

import io.circles.notification.inbox.NotificationStore;
import io.circles.platform.messaging.IncomingEvent;
import io.circles.platform.messaging.TransientFailures;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Applies one record: the projections and the notifications it calls for commit together, or not at all. A record that
 * is not a readable Circles event fails for good and its channel dead-letters it; work that fails while PostgreSQL
 * cannot be reached is retried in place ({@link TransientFailures}).
 */
@ApplicationScoped
public class Intake {

    private final Pool sql;
    private final NotificationStore store;

    Intake(Pool sql, NotificationStore store) {
        this.sql = sql;
        this.store = store;
    }

    public Uni<Void> consume(ConsumerRecord<String, String> record, EventHandler handler) {
        return TransientFailures.retried(() -> apply(IncomingEvent.from(record), handler),
                IncomingEvent.describe(record));
    }

    Uni<Void> apply(IncomingEvent event, EventHandler handler) {
        if (!handler.types().contains(event.type())) {
            return Uni.createFrom().voidItem();
        }
        return sql.withTransaction(connection -> handler.apply(connection, event)
                .flatMap(drafts -> drafts.isEmpty() ? Uni.createFrom().voidItem()
                        : store.deliver(connection, event.id(), drafts)))
                .replaceWithVoid();
    }

}
