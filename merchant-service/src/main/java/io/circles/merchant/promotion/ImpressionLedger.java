package io.circles.merchant.promotion;

import java.time.Instant;

import io.circles.events.content.PromotionExhausted;
import io.circles.events.feed.PromotionImpression;
import io.circles.platform.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Counts impressions against promotion budgets, exactly. In one transaction: the impression id is recorded (its
 * primary key turns a redelivery into a no-op and makes a concurrent duplicate wait), then served is incremented
 * only while below the allowance (budget plus starter impressions) and while the merchant is ACTIVE (once a merchant
 * is suspended, no impression counts: its served count stays frozen however late feed-service's impressions
 * arrive). The increment holds the promotion
 * row's lock until commit, so exactly one transaction sees served reach the allowance, and only that one records
 * promotion-exhausted.
 */
@ApplicationScoped
public class ImpressionLedger {

    private static final String RECORD = """
            insert into impression (impression_id, promotion_id, user_id, counted, served_at, received_at)
            values (:impressionId, :promotionId, :userId, false, :servedAt, :now)
            on conflict (impression_id) do nothing""";

    private static final String COUNT_WITHIN_BUDGET = """
            update promotion set served = served + 1,
                status = case when served + 1 >= budget + starter_impressions then 'EXHAUSTED' else status end,
                updated_at = :now
            where id = :promotionId and served < budget + starter_impressions and ends_at > :servedAt
              and exists (select 1 from merchant m where m.id = promotion.merchant_id and m.status = 'ACTIVE')""";

    private final Outbox outbox;

    ImpressionLedger(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Counts the impression once; the outcome says what happened to it. */
    @WithTransaction
    public Uni<Outcome> count(PromotionImpression impression) {
        Instant now = Instant.now();
        Instant servedAt = impression.servedAt() == null ? now : impression.servedAt();
        return Panache.getSession().flatMap(session -> session.createNativeQuery(RECORD)
                .setParameter("impressionId", impression.impressionId())
                .setParameter("promotionId", impression.promotionId())
                .setParameter("userId", impression.userId())
                .setParameter("servedAt", servedAt)
                .setParameter("now", now)
                .executeUpdate()
                .flatMap(recorded -> recorded == 0 ? Uni.createFrom().item(Outcome.DUPLICATE)
                        : session.createNativeQuery(COUNT_WITHIN_BUDGET)
                                .setParameter("now", now)
                                .setParameter("promotionId", impression.promotionId())
                                .setParameter("servedAt", servedAt)
                                .executeUpdate()
                                .flatMap(counted -> counted == 0 ? Uni.createFrom().item(Outcome.NOT_COUNTED)
                                        : counted(session, impression, now))));
    }

    private Uni<Outcome> counted(Mutiny.Session session, PromotionImpression impression, Instant now) {
        return session.createNativeQuery("update impression set counted = true where impression_id = :id")
                .setParameter("id", impression.impressionId())
                .executeUpdate()
                // HQL, not a native select: Hibernate ORM 7.2 caches a new plan for every run of a native select
                // (see NativeSelect), and this runs once per counted impression.
                .flatMap(ignored -> session.createSelectionQuery(
                        "select p.served, p.budget, p.starterImpressions, p.merchantId from Promotion p"
                                + " where p.id = :id", Object[].class)
                        .setParameter("id", impression.promotionId())
                        .getSingleResult())
                .flatMap(row -> {
                    long served = ((Number) row[0]).longValue();
                    long budget = ((Number) row[1]).longValue();
                    long allowance = ImpressionBudget.allowance(budget, ((Number) row[2]).longValue());
                    if (!ImpressionBudget.exhaustedBy(served, allowance)) {
                        return Uni.createFrom().item(Outcome.COUNTED);
                    }
                    return outbox.append(new PromotionExhausted(impression.promotionId(), (String) row[3], served,
                            budget, now)).replaceWith(Outcome.EXHAUSTED);
                });
    }

    /** What one impression did to its promotion. */
    public enum Outcome {
        /** Counted against the budget. */
        COUNTED,
        /** Counted, and it used the budget up. */
        EXHAUSTED,
        /** Seen before: changes nothing. */
        DUPLICATE,
        /**
         * Budget already used up, served after the end, merchant not ACTIVE, or no such promotion: recorded, never
         * billed.
         */
        NOT_COUNTED
    }
}
