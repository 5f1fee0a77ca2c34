package io.circles.notification.merchant;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.content.PromotionExhausted;
import io.circles.notification.inbox.Draft;
import io.circles.notification.inbox.NotificationType;
import io.circles.notification.intake.EventHandler;
import io.circles.notification.intake.Payloads;
import io.circles.platform.messaging.IncomingEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

/** merchant.content.v1: a promotion that served its whole budget reaches the merchant's owner. */
@ApplicationScoped
public class MerchantContentEvents implements EventHandler {

    private static final Set<String> TYPES = Set.of(PromotionExhausted.TYPE);

    private final ObjectMapper json;

    MerchantContentEvents(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Set<String> types() {
        return TYPES;
    }

    @Override
    public Uni<List<Draft>> apply(SqlConnection sql, IncomingEvent event) {
        PromotionExhausted exhausted = event.dataAs(PromotionExhausted.class, json);
        Payloads.require(event, exhausted.promotionId(), exhausted.merchantId());
        return MerchantOwners.of(sql, exhausted.merchantId()).map(owner -> owner == null ? List.<Draft>of()
                : List.of(new Draft(NotificationType.PROMOTION_EXHAUSTED, List.of(owner), null,
                        Draft.promotion(exhausted.promotionId()), null, null, exhausted.merchantId(), null,
                        exhausted.exhaustedAt())));
    }
}
