package io.circles.event.web;

import java.time.Instant;
import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code Idempotency-Key} for creating POSTs, inside the create's transaction. Claiming inserts the key first: a
 * concurrent retry blocks on that row until the first request commits, then finds its stored response.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final int MAX_LENGTH = 200;

    /** A response stored for a key. */
    public record Stored(int status, String body) {
    }

    /** Null when the key is new (and now claimed by this transaction), else the first request's response. */
    public Uni<Stored> claim(String userId, String key) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "insert into idempotency_key (user_id, key, created_at) values (:user, :key, :now)"
                        + " on conflict do nothing")
                .setParameter("user", userId)
                .setParameter("key", key)
                .setParameter("now", Instant.now())
                .executeUpdate()
                .flatMap(inserted -> inserted == 1 ? Uni.createFrom().<Stored>nullItem()
                        : session.createNativeQuery(
                                "select status, body from idempotency_key where user_id = :user and key = :key",
                                Object[].class)
                                .setParameter("user", userId)
                                .setParameter("key", key)
                                .getResultList()
                                .map(IdempotencyKeys::stored)));
    }

    public Uni<Void> complete(String userId, String key, int status, String body) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "update idempotency_key set status = :status, body = :body where user_id = :user and key = :key")
                .setParameter("status", status)
                .setParameter("body", body)
                .setParameter("user", userId)
                .setParameter("key", key)
                .executeUpdate())
                .replaceWithVoid();
    }

    private static Stored stored(List<Object[]> rows) {
        Object[] row = rows.get(0);
        return new Stored(((Number) row[0]).intValue(), (String) row[1]);
    }
}
