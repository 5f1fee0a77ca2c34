package io.circles.merchant.promotion;

import java.time.Instant;

import io.circles.events.feed.PromotionClicked;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Records clicks on sponsored slots: one per impression (the primary key turns a repeat into a no-op). feed-service
 * accepts a click only from the user the slot was served to, so nothing here needs to know users.
 */
@ApplicationScoped
public class ClickLedger {

    private static final String RECORD = """
            insert into promotion_click (impression_id, promotion_id, user_id, clicked_at)
            values (:impressionId, :promotionId, :userId, :clickedAt)
            on conflict (impression_id) do nothing""";

    /** Whether the click was new. */
    @WithTransaction
    public Uni<Boolean> record(PromotionClicked click) {
        Instant clickedAt = click.clickedAt() == null ? Instant.now() : click.clickedAt();
        return Panache.getSession().flatMap(session -> session.createNativeQuery(RECORD)
                .setParameter("impressionId", click.impressionId())
                .setParameter("promotionId", click.promotionId())
                .setParameter("userId", click.userId())
                .setParameter("clickedAt", clickedAt)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
