package io.circles.event.merchant;

import io.circles.platform.consistency.AppliedOffsets;
import io.circles.platform.messaging.IncomingEvent;
import io.circles.platform.messaging.TransientFailures;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes merchant.events.v1 into this service's merchant table, like the membership projection does for
 * communities: unreadable records are dead-lettered, database outages retried in place, and each record's offset is
 * marked applied ({@link AppliedOffsets}) so a merchant onboarded a moment ago may schedule at once.
 */
@ApplicationScoped
public class MerchantProjection {

    public static final String CHANNEL = "merchant-events";

    private final MerchantProjectionService projection;
    private final AppliedOffsets offsets;

    MerchantProjection(MerchantProjectionService projection, AppliedOffsets offsets) {
        this.projection = projection;
        this.offsets = offsets;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return offsets.tracked(CHANNEL, record, () -> TransientFailures.retried(
                () -> projection.apply(IncomingEvent.from(record)), IncomingEvent.describe(record)));
    }
}
