package io.circles.notification.intake;

import java.util.List;
import java.util.Set;

import io.circles.notification.inbox.Draft;
import io.circles.platform.messaging.IncomingEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Applies the events of one topic to the projections and says which notifications each calls for. */
public interface EventHandler {

    /** The event types this handler reads; the others are skipped (tolerant reader). */
    Set<String> types();

    /** Updates the projections on {@code connection} (in the event's transaction) and returns the drafts. */
    Uni<List<Draft>> apply(SqlConnection connection, IncomingEvent event);
}
