package io.circles.merchant.merchant;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.circles.events.IntegrationEvent;
import io.circles.events.merchant.MerchantApproved;
import io.circles.events.merchant.MerchantOnboarded;
import io.circles.events.merchant.MerchantSuspended;
import io.circles.merchant.web.Cursor;
import io.circles.merchant.web.Page;
import io.circles.platform.idempotency.IdempotencyKeys;
import io.circles.platform.idempotency.IdempotencyKeys.StoredResponse;
import io.circles.platform.outbox.Outbox;
import io.circles.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Onboarding, review and discovery of merchants. */
@ApplicationScoped
public class MerchantService {

    // The unique licence index decides between concurrent onboardings: the loser inserts nothing and gets a 409.
    private static final String INSERT_IF_LICENCE_FREE = """
            insert into merchant (id, owner_id, name, category, city, lat, lon, license_number, status,
                                  follower_count, post_count, created_at, updated_at)
            values (:id, :ownerId, :name, :category, :city, :lat, :lon, :license, :status, 0, 0, :now, :now)
            on conflict (license_number) do nothing""";

    private final Outbox outbox;
    private final IdempotencyKeys idempotency;
    private final OnboardingPolicy policy;

    MerchantService(Outbox outbox, IdempotencyKeys idempotency, MerchantConfig config) {
        this.outbox = outbox;
        this.idempotency = idempotency;
        this.policy = new OnboardingPolicy(config.lowRiskCategories());
    }

    /** Onboards a merchant owned by the caller and records merchant-onboarded; one merchant per licence. */
    @WithTransaction
    public Uni<StoredResponse> onboard(String ownerId, OnboardMerchantRequest request, String idempotencyKey) {
        String licence = SocialCreditCode.normalize(request.licenseNumber());
        String problem = SocialCreditCode.problem(licence);
        if (problem != null) {
            throw ProblemException.badRequest("licenseNumber", "not a valid unified social credit code: " + problem);
        }
        return idempotency.once(ownerId, "merchant", idempotencyKey, request,
                () -> create(ownerId, request, licence));
    }

    private Uni<IdempotencyKeys.Created> create(String ownerId, OnboardMerchantRequest request, String licence) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Merchant merchant = new Merchant();
        merchant.id = UUID.randomUUID().toString();
        merchant.ownerId = ownerId;
        merchant.name = request.name().strip();
        merchant.category = request.category().toLowerCase(Locale.ROOT);
        merchant.city = request.city().strip();
        merchant.lat = request.location().lat();
        merchant.lon = request.location().lon();
        merchant.licenseNumber = licence;
        merchant.status = policy.initialStatus(merchant.category, licence);
        merchant.createdAt = now;
        merchant.updatedAt = now;
        return Panache.getSession().flatMap(session -> session.createNativeQuery(INSERT_IF_LICENCE_FREE)
                .setParameter("id", merchant.id)
                .setParameter("ownerId", merchant.ownerId)
                .setParameter("name", merchant.name)
                .setParameter("category", merchant.category)
                .setParameter("city", merchant.city)
                .setParameter("lat", merchant.lat)
                .setParameter("lon", merchant.lon)
                .setParameter("license", licence)
                .setParameter("status", merchant.status.name())
                .setParameter("now", now)
                .executeUpdate())
                .flatMap(inserted -> {
                    if (inserted == 0) {
                        throw ProblemException.conflict("a merchant with this licence number already exists");
                    }
                    return outbox.append(new MerchantOnboarded(merchant.id, ownerId, merchant.name,
                            merchant.category, merchant.city, merchant.lat, merchant.lon, merchant.status.name(), now));
                })
                .map(ignored -> IdempotencyKeys.Created.at("/api/merchants/" + merchant.id,
                        MerchantView.of(merchant, true)));
    }

    @WithSession
    public Uni<MerchantView> get(String merchantId, String callerId, boolean admin) {
        return MerchantAccess.findVisible(merchantId, callerId, admin)
                .map(merchant -> MerchantView.of(merchant, admin || merchant.isOwnedBy(callerId)));
    }

    /** ACTIVE merchants, newest first, filtered by city, category and a name fragment. */
    @WithSession
    public Uni<Page<MerchantView>> search(String city, String category, String text, Cursor after, int limit) {
        // A literal, not a parameter, so the planner can match the partial indexes (where status = 'ACTIVE').
        StringBuilder query = new StringBuilder("status = io.circles.merchant.merchant.MerchantStatus.ACTIVE");
        Map<String, Object> params = new HashMap<>();
        if (city != null && !city.isBlank()) {
            query.append(" and lower(city) = :city");
            params.put("city", city.strip().toLowerCase(Locale.ROOT));
        }
        if (category != null && !category.isBlank()) {
            query.append(" and category = :category");
            params.put("category", category.strip().toLowerCase(Locale.ROOT));
        }
        if (text != null && !text.isBlank()) {
            query.append(" and lower(name) like :text escape '\\'");
            params.put("text", "%" + likeEscape(text.strip().toLowerCase(Locale.ROOT)) + "%");
        }
        if (after != null) {
            // a row comparison, so PostgreSQL seeks the (created_at, id) index instead of filtering from the top
            query.append(" and (createdAt, id) < (:at, :id)");
            params.put("at", after.at());
            params.put("id", after.id());
        }
        query.append(" order by createdAt desc, id desc");
        Parameters parameters = new Parameters();
        params.forEach(parameters::and);
        return Merchant.<Merchant>find(query.toString(), parameters).range(0, limit).list()
                .map(merchants -> {
                    List<MerchantView> items = new ArrayList<>();
                    List<Merchant> shown = merchants.subList(0, Math.min(limit, merchants.size()));
                    shown.forEach(merchant -> items.add(MerchantView.of(merchant, false)));
                    Merchant last = merchants.size() > limit ? shown.get(limit - 1) : null;
                    return new Page<>(items, last == null ? null : new Cursor(last.createdAt, last.id).encode());
                });
    }

    /** A platform-admin lets a merchant go live; approving an ACTIVE merchant changes nothing and emits nothing. */
    @WithTransaction
    public Uni<MerchantView> approve(String merchantId, String adminId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return transition(merchantId, MerchantStatus.ACTIVE, now, new MerchantApproved(merchantId, adminId, now));
    }

    /** A platform-admin suspends a merchant; suspending a suspended merchant changes nothing and emits nothing. */
    @WithTransaction
    public Uni<MerchantView> suspend(String merchantId, String adminId, String reason) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return transition(merchantId, MerchantStatus.SUSPENDED, now,
                new MerchantSuspended(merchantId, adminId, reason, now));
    }

    // A guarded update, so two admins deciding at once produce one event, not two. The loaded entity is never
    // modified: flushing it would write its stale counters over the atomic increments.
    private Uni<MerchantView> transition(String merchantId, MerchantStatus to, Instant now, IntegrationEvent event) {
        return Merchant.<Merchant>findById(merchantId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no merchant " + merchantId))
                .flatMap(merchant -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "update merchant set status = :to, updated_at = :now where id = :id and status <> :to")
                        .setParameter("to", to.name())
                        .setParameter("now", now)
                        .setParameter("id", merchantId)
                        .executeUpdate())
                        .flatMap(updated -> updated == 1 ? outbox.append(event).replaceWithVoid()
                                : Uni.createFrom().voidItem())
                        .map(ignored -> MerchantView.of(merchant, true).withStatus(to)));
    }

    private static String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
