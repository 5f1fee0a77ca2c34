package io.circles.event.merchant;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.event.activity.Activity;
import io.circles.event.rsvp.Seats;
import io.circles.events.activity.ActivityCancelled;
import io.circles.events.merchant.MerchantApproved;
import io.circles.events.merchant.MerchantOnboarded;
import io.circles.events.merchant.MerchantRejected;
import io.circles.events.merchant.MerchantSuspended;
import io.circles.platform.dedupe.ProcessedEvents;
import io.circles.platform.messaging.IncomingEvent;
import io.circles.platform.messaging.UnprocessableEventException;
import io.circles.platform.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Applies one merchant event with its dedupe mark in one transaction: onboarding records the owner, approval,
 * rejection and suspension the status. A suspension also cancels the merchant's upcoming activities in that
 * transaction, each with activity-cancelled, so attendees hear of it as of any cancellation. Other types are skipped.
 */
@ApplicationScoped
public class MerchantProjectionService {

    static final String CONSUMER = "event-service";

    private static final Set<String> KNOWN = Set.of(MerchantOnboarded.TYPE, MerchantApproved.TYPE,
            MerchantRejected.TYPE, MerchantSuspended.TYPE);

    private final ProcessedEvents processed;
    private final ObjectMapper json;
    private final Seats seats;
    private final Outbox outbox;

    MerchantProjectionService(ProcessedEvents processed, ObjectMapper json, Seats seats, Outbox outbox) {
        this.processed = processed;
        this.json = json;
        this.seats = seats;
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<Void> apply(IncomingEvent event) {
        if (!KNOWN.contains(event.type())) {
            return Uni.createFrom().voidItem();
        }
        // Parse before marking, so an unreadable payload fails (and is dead-lettered) without a dedupe row.
        Uni<Void> effect = effect(event);
        return processed.firstDelivery(CONSUMER, event.id())
                .flatMap(first -> first ? effect : Uni.createFrom().voidItem());
    }

    private Uni<Void> effect(IncomingEvent event) {
        return switch (event.type()) {
            case MerchantOnboarded.TYPE -> {
                MerchantOnboarded onboarded = event.dataAs(MerchantOnboarded.class, json);
                require(event, onboarded.merchantId(), onboarded.ownerId(), onboarded.status());
                yield Merchant.<Merchant>findById(onboarded.merchantId()).flatMap(existing -> {
                    Merchant merchant = existing == null ? new Merchant() : existing;
                    merchant.id = onboarded.merchantId();
                    merchant.ownerId = onboarded.ownerId();
                    merchant.status = onboarded.status();
                    merchant.updatedAt = at(onboarded.onboardedAt());
                    return existing == null ? merchant.persist().replaceWithVoid() : Uni.createFrom().voidItem();
                });
            }
            case MerchantApproved.TYPE -> {
                MerchantApproved approved = event.dataAs(MerchantApproved.class, json);
                require(event, approved.merchantId());
                yield setStatus(approved.merchantId(), Merchant.ACTIVE, approved.approvedAt());
            }
            case MerchantRejected.TYPE -> {
                MerchantRejected rejected = event.dataAs(MerchantRejected.class, json);
                require(event, rejected.merchantId());
                yield setStatus(rejected.merchantId(), Merchant.REJECTED, rejected.rejectedAt());
            }
            case MerchantSuspended.TYPE -> {
                MerchantSuspended suspended = event.dataAs(MerchantSuspended.class, json);
                require(event, suspended.merchantId());
                yield setStatus(suspended.merchantId(), Merchant.SUSPENDED, suspended.suspendedAt())
                        .call(() -> cancelUpcoming(suspended.merchantId(),
                                suspended.suspendedBy() == null ? "platform" : suspended.suspendedBy()));
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> setStatus(String merchantId, String status, Instant at) {
        return Merchant.<Merchant>findById(merchantId).invoke(merchant -> {
            if (merchant != null) {
                merchant.status = status;
                merchant.updatedAt = at(at);
            }
        }).replaceWithVoid();
    }

    /**
     * Cancels the merchant's activities that have not ended. Activities are locked one at a time in id order, as
     * {@link Seats#withdrawFromUpcoming} does, so this never deadlocks with RSVPs (which lock a single activity).
     */
    private Uni<Void> cancelUpcoming(String merchantId, String cancelledBy) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.getSession().flatMap(session -> session.createQuery(
                "select a.id from Activity a where a.merchantId = :merchant and a.status = 'SCHEDULED'"
                        + " and a.endsAt > :now order by a.id", String.class)
                .setParameter("merchant", merchantId)
                .setParameter("now", now)
                .getResultList())
                .flatMap(ids -> Seats.sequentially(ids, id -> seats.lock(id).flatMap(activity -> {
                    if (activity.isCancelled()) {
                        return Uni.createFrom().voidItem();
                    }
                    activity.status = Activity.CANCELLED;
                    activity.updatedAt = now;
                    return outbox.append(new ActivityCancelled(activity.id, null, merchantId, cancelledBy, now));
                })));
    }

    private static Instant at(Instant value) {
        return value == null ? Instant.now() : value;
    }

    private static void require(IncomingEvent event, String... values) {
        for (String value : values) {
            if (value == null || value.isBlank()) {
                throw new UnprocessableEventException("event " + event.id() + " (" + event.type()
                        + ") lacks a required field");
            }
        }
    }
}
