package io.circles.event.community;

import io.circles.platform.consistency.AppliedOffsets;
import io.circles.platform.messaging.IncomingEvent;
import io.circles.platform.messaging.TransientFailures;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes community.events.v1 into this service's community and member tables. A record that is not a readable
 * Circles event fails, and the channel's failure strategy parks it in the dead-letter topic; work that fails while
 * PostgreSQL cannot be reached is retried in place ({@link TransientFailures}). Each record's offset is marked
 * applied afterwards ({@link AppliedOffsets}), so a refused request can tell whether its grant is still on its way.
 */
@ApplicationScoped
public class MembershipProjection {

    static final String CHANNEL = "community-events";

    private final ProjectionService projection;
    private final AppliedOffsets offsets;

    MembershipProjection(ProjectionService projection, AppliedOffsets offsets) {
        this.projection = projection;
        this.offsets = offsets;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return offsets.tracked(CHANNEL, record, () -> TransientFailures.retried(
                () -> projection.apply(IncomingEvent.from(record)), IncomingEvent.describe(record)));
    }
}
