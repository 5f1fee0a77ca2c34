package io.circles.merchant.promotion;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.feed.PromotionClicked;
import io.circles.events.feed.PromotionImpression;
import io.circles.platform.messaging.IncomingEvent;
import io.circles.platform.messaging.TransientFailures;
import io.circles.platform.messaging.UnprocessableEventException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the impressions feed-service served and counts them against budgets. Types it does not know are skipped
 * (tolerant reader); an impression without ids cannot be billed and goes to the dead-letter topic. Work that fails
 * while PostgreSQL cannot be reached is retried in place ({@link TransientFailures}).
 */
@ApplicationScoped
public class ImpressionConsumer {

    static final String CHANNEL = "impressions";

    private final ImpressionLedger ledger;
    private final ClickLedger clicks;
    private final ObjectMapper json;

    ImpressionConsumer(ImpressionLedger ledger, ClickLedger clicks, ObjectMapper json) {
        this.ledger = ledger;
        this.clicks = clicks;
        this.json = json;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return TransientFailures.retried(() -> apply(IncomingEvent.from(record)), IncomingEvent.describe(record));
    }

    Uni<Void> apply(IncomingEvent event) {
        if (PromotionClicked.TYPE.equals(event.type())) {
            PromotionClicked click = event.dataAs(PromotionClicked.class, json);
            if (isBlank(click.impressionId()) || isBlank(click.promotionId())) {
                throw new UnprocessableEventException("event " + event.id() + " has no impressionId or promotionId");
            }
            return clicks.record(click).replaceWithVoid();
        }
        if (!PromotionImpression.TYPE.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        PromotionImpression impression = event.dataAs(PromotionImpression.class, json);
        if (isBlank(impression.impressionId()) || isBlank(impression.promotionId())) {
            throw new UnprocessableEventException("event " + event.id() + " has no impressionId or promotionId");
        }
        return ledger.count(impression).replaceWithVoid();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
