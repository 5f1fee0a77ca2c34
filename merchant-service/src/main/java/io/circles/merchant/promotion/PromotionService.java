package io.circles.merchant.promotion;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.circles.events.IntegrationEvent;
import io.circles.events.Targeting;
import io.circles.events.content.PromotionLaunched;
import io.circles.events.content.PromotionPaused;
import io.circles.events.content.PromotionResumed;
import io.circles.merchant.content.MerchantPost;
import io.circles.merchant.merchant.Merchant;
import io.circles.merchant.merchant.MerchantAccess;
import io.circles.platform.db.NativeSelect;
import io.circles.platform.idempotency.IdempotencyKeys;
import io.circles.platform.idempotency.IdempotencyKeys.StoredResponse;
import io.circles.platform.outbox.Outbox;
import io.circles.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Launching, reading, pausing and resuming promotions. Counting impressions is {@link ImpressionLedger}'s job. */
@ApplicationScoped
public class PromotionService {

    private static final String STATS_TOTALS = """
            select (select count(distinct user_id) from impression where promotion_id = :id and counted),
                   (select count(*) from promotion_click where promotion_id = :id)""";

    // Days in UTC: one series for every reader, wherever they are.
    private static final String STATS_DAYS = """
            select to_char(day, 'YYYY-MM-DD'), sum(impressions), sum(clicks) from (
                select (served_at at time zone 'UTC')::date as day, count(*) as impressions, 0 as clicks
                from impression where promotion_id = :id and counted and served_at is not null group by 1
                union all
                select (clicked_at at time zone 'UTC')::date, 0, count(*)
                from promotion_click where promotion_id = :id group by 1) per_day
            group by day order by day""";

    private final Outbox outbox;
    private final IdempotencyKeys idempotency;
    private final PromotionConfig config;

    PromotionService(Outbox outbox, IdempotencyKeys idempotency, PromotionConfig config) {
        this.outbox = outbox;
        this.idempotency = idempotency;
        this.config = config;
    }

    /** Promotes one of the merchant's published posts; the caller must own the ACTIVE merchant. */
    @WithTransaction
    public Uni<StoredResponse> launch(String merchantId, String callerId, LaunchPromotionRequest request,
            String idempotencyKey) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (!request.endsAt().isAfter(request.startsAt())) {
            throw ProblemException.badRequest("endsAt", "must be after startsAt");
        }
        if (!request.endsAt().isAfter(now)) {
            throw ProblemException.badRequest("endsAt", "must be in the future");
        }
        return MerchantAccess.findVisible(merchantId, callerId, false)
                .flatMap(merchant -> {
                    MerchantAccess.requireActiveOwner(merchant, callerId);
                    return idempotency.once(callerId, "promotion:" + merchantId, idempotencyKey, request,
                            () -> create(merchantId, request, now));
                });
    }

    private Uni<IdempotencyKeys.Created> create(String merchantId, LaunchPromotionRequest request, Instant now) {
        return MerchantPost.<MerchantPost>findById(request.postId())
                .flatMap(post -> earlierPromotions(merchantId).map(earlier -> {
                    if (post == null || !post.merchantId.equals(merchantId)
                            || !MerchantPost.PUBLISHED.equals(post.status)) {
                        throw ProblemException.badRequest("postId", "not a published post of this merchant");
                    }
                    Promotion promotion = new Promotion();
                    promotion.id = UUID.randomUUID().toString();
                    promotion.merchantId = merchantId;
                    promotion.postId = post.id;
                    promotion.budget = request.budgetImpressions();
                    promotion.starterImpressions = ImpressionBudget.starterFor(earlier,
                            config.starterImpressions());
                    promotion.served = 0;
                    promotion.status = PromotionStatus.ACTIVE;
                    promotion.interests = request.targeting().interests().stream().map(String::strip).distinct()
                            .toList();
                    promotion.cities = request.targeting().cities().stream().map(String::strip).distinct().toList();
                    promotion.startsAt = request.startsAt().truncatedTo(ChronoUnit.MICROS);
                    promotion.endsAt = request.endsAt().truncatedTo(ChronoUnit.MICROS);
                    promotion.createdAt = now;
                    promotion.updatedAt = now;
                    return promotion;
                }))
                .flatMap(promotion -> promotion.<Promotion>persist()
                        .call(() -> outbox.append(new PromotionLaunched(promotion.id, merchantId, promotion.postId,
                                promotion.budget, new Targeting(promotion.interests, promotion.cities),
                                promotion.startsAt, promotion.endsAt, now)))
                        .map(saved -> IdempotencyKeys.Created.at("/api/promotions/" + saved.id,
                                PromotionView.of(saved, saved.status, 0, now))));
    }

    /**
     * How many promotions the merchant launched before, counted under the merchant row's lock: concurrent launches of
     * one merchant queue on it, so exactly one of them is the first and gets the starter impressions.
     */
    private Uni<Long> earlierPromotions(String merchantId) {
        return Panache.getSession().flatMap(session -> NativeSelect.of(session,
                        "select id from merchant where id = :id for update", String.class)
                .setParameter("id", merchantId)
                .getSingleResult())
                .flatMap(locked -> Promotion.count("merchantId", merchantId));
    }

    @WithSession
    public Uni<PromotionView> get(String promotionId, String callerId, boolean admin) {
        return owned(promotionId, callerId, admin).flatMap(promotion -> view(promotion, promotion.status));
    }

    /** Impressions, reach, clicks and the per-day series (UTC days) of a promotion, for its owner. */
    @WithSession
    public Uni<PromotionStats> stats(String promotionId, String callerId, boolean admin) {
        return owned(promotionId, callerId, admin).flatMap(promotion -> Panache.getSession().flatMap(session ->
                NativeSelect.of(session, STATS_TOTALS, Object[].class)
                        .setParameter("id", promotion.id)
                        .getSingleResult()
                        .flatMap(totals -> NativeSelect.of(session, STATS_DAYS, Object[].class)
                                .setParameter("id", promotion.id)
                                .getResultList()
                                .map(rows -> {
                                    List<PromotionStats.Day> days = new ArrayList<>();
                                    for (Object[] row : rows) {
                                        days.add(new PromotionStats.Day(LocalDate.parse(row[0].toString()),
                                                ((Number) row[1]).longValue(), ((Number) row[2]).longValue()));
                                    }
                                    return new PromotionStats(promotion.id, promotion.served,
                                            ((Number) totals[0]).longValue(), ((Number) totals[1]).longValue(),
                                            days);
                                }))));
    }

    /** Pauses an ACTIVE promotion; pausing a paused one changes nothing and records nothing. */
    @WithTransaction
    public Uni<PromotionView> pause(String promotionId, String callerId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return owned(promotionId, callerId, false)
                .flatMap(promotion -> {
                    PromotionStatus status = statusNow(promotion, now);
                    if (status == PromotionStatus.PAUSED) {
                        return view(promotion, promotion.status);
                    }
                    if (status != PromotionStatus.ACTIVE) {
                        throw ProblemException.conflict("promotion " + promotionId + " is " + status);
                    }
                    return move(promotion, PromotionStatus.ACTIVE, PromotionStatus.PAUSED, now,
                            new PromotionPaused(promotionId, promotion.merchantId, now))
                            .flatMap(moved -> view(promotion, moved));
                });
    }

    /** Resumes a PAUSED promotion; resuming an active one changes nothing and records nothing. */
    @WithTransaction
    public Uni<PromotionView> resume(String promotionId, String callerId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return owned(promotionId, callerId, false)
                .flatMap(promotion -> {
                    PromotionStatus status = statusNow(promotion, now);
                    if (status == PromotionStatus.ACTIVE) {
                        return view(promotion, promotion.status);
                    }
                    if (status != PromotionStatus.PAUSED) {
                        throw ProblemException.conflict("promotion " + promotionId + " is " + status);
                    }
                    return move(promotion, PromotionStatus.PAUSED, PromotionStatus.ACTIVE, now,
                            new PromotionResumed(promotionId, promotion.merchantId, now))
                            .flatMap(moved -> view(promotion, moved));
                });
    }

    // Guarded on the expected status, so a concurrent pause and exhaustion cannot both win. The entity is never
    // modified: flushing it would write a stale served count over the ledger's atomic increments.
    private Uni<PromotionStatus> move(Promotion promotion, PromotionStatus from, PromotionStatus to, Instant now,
            IntegrationEvent event) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "update promotion set status = :to, updated_at = :now where id = :id and status = :from")
                .setParameter("to", to.name())
                .setParameter("now", now)
                .setParameter("id", promotion.id)
                .setParameter("from", from.name())
                .executeUpdate()
                .flatMap(updated -> {
                    if (updated == 0) {
                        throw ProblemException.conflict("promotion " + promotion.id + " changed meanwhile; retry");
                    }
                    return outbox.append(event);
                })
                .replaceWith(to));
    }

    private Uni<Promotion> owned(String promotionId, String callerId, boolean admin) {
        return Promotion.<Promotion>findById(promotionId)
                .flatMap(promotion -> {
                    if (promotion == null) {
                        throw ProblemException.notFound("no promotion " + promotionId);
                    }
                    return Merchant.<Merchant>findById(promotion.merchantId).map(merchant -> {
                        // Someone else's promotion is as good as absent: its existence is the merchant's business.
                        if (merchant == null || !(admin || merchant.isOwnedBy(callerId))) {
                            throw ProblemException.notFound("no promotion " + promotionId);
                        }
                        return promotion;
                    });
                });
    }

    private Uni<PromotionView> view(Promotion promotion, PromotionStatus storedStatus) {
        return Panache.getSession().flatMap(session -> NativeSelect.of(session,
                "select count(distinct user_id) from impression where promotion_id = :id and counted", Long.class)
                .setParameter("id", promotion.id)
                .getSingleResult())
                .map(reach -> PromotionView.of(promotion, storedStatus, reach, Instant.now()));
    }

    private static PromotionStatus statusNow(Promotion promotion, Instant now) {
        return ImpressionBudget.statusAt(promotion.status, promotion.served,
                ImpressionBudget.allowance(promotion.budget, promotion.starterImpressions), promotion.endsAt, now);
    }
}
