package io.circles.merchant.merchant;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.circles.events.merchant.MerchantRejected;
import io.circles.merchant.web.Cursor;
import io.circles.merchant.web.Page;
import io.circles.platform.outbox.Outbox;
import io.circles.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The platform-admins' side of review: the queue of merchants in a status, oldest first, and rejection. */
@ApplicationScoped
public class ReviewService {

    private final Outbox outbox;

    ReviewService(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Merchants in {@code status}, oldest first: the review queue is worked through in arrival order. */
    @WithSession
    public Uni<Page<MerchantView>> queue(MerchantStatus status, Cursor after, int limit) {
        String query = "status = :status";
        Parameters parameters = Parameters.with("status", status);
        if (after != null) {
            query += " and (createdAt, id) > (:at, :id)";
            parameters.and("at", after.at()).and("id", after.id());
        }
        return Merchant.<Merchant>find(query + " order by createdAt, id", parameters).range(0, limit).list()
                .map(merchants -> {
                    List<Merchant> shown = merchants.subList(0, Math.min(limit, merchants.size()));
                    List<MerchantView> items = new ArrayList<>();
                    shown.forEach(merchant -> items.add(MerchantView.of(merchant, true)));
                    Merchant last = merchants.size() > limit ? shown.get(limit - 1) : null;
                    return new Page<>(items, last == null ? null : new Cursor(last.createdAt, last.id).encode());
                });
    }

    /**
     * Turns down a merchant under review and records merchant-rejected for its owner. Rejecting a rejected merchant
     * changes nothing and records nothing; one that is ACTIVE or SUSPENDED is past review (409: suspend it instead).
     */
    @WithTransaction
    public Uni<MerchantView> reject(String merchantId, String reason) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Merchant.<Merchant>findById(merchantId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no merchant " + merchantId))
                .flatMap(merchant -> {
                    if (merchant.status == MerchantStatus.REJECTED) {
                        return Uni.createFrom().item(MerchantView.of(merchant, true));
                    }
                    if (merchant.status != MerchantStatus.PENDING_REVIEW) {
                        throw ProblemException.conflict("merchant " + merchantId + " is " + merchant.status
                                + "; only a merchant under review can be rejected");
                    }
                    // Guarded, so an approval and a rejection decided at once cannot both win.
                    return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                                    update merchant set status = 'REJECTED', updated_at = :now
                                    where id = :id and status = 'PENDING_REVIEW'""")
                                    .setParameter("now", now)
                                    .setParameter("id", merchantId)
                                    .executeUpdate())
                            .flatMap(updated -> {
                                if (updated == 0) {
                                    throw ProblemException.conflict("merchant " + merchantId
                                            + " was decided meanwhile; read it again");
                                }
                                return outbox.append(new MerchantRejected(merchantId, merchant.ownerId,
                                        reason.strip(), now));
                            })
                            .map(ignored -> MerchantView.of(merchant, true).withStatus(MerchantStatus.REJECTED));
                });
    }
}
