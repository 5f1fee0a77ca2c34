package io.circles.platform.dedupe;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumer-side dedupe on {@code ce_id}, for effects that are not naturally idempotent (counters, state machines).
 * Call it inside the transaction that applies the effect: the mark and the effect commit or roll back together.
 */
@ApplicationScoped
public class ProcessedEvents {

    /** True the first time {@code consumer} sees {@code eventId}; false for a redelivery, which must change nothing. */
    public Uni<Boolean> firstDelivery(String consumer, String eventId) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("insert into processed_event (consumer, event_id) values (:consumer, :eventId)"
                        + " on conflict do nothing")
                .setParameter("consumer", consumer)
                .setParameter("eventId", eventId)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
