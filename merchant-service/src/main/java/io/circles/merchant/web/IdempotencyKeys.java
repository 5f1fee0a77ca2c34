package io.circles.merchant.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Makes creating POSTs safe to retry. Call inside the transaction that creates: the key row is inserted first, so a
 * concurrent retry waits on it and then replays the stored response; if the create fails, the key goes with it.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private static final int MAX_KEY_LENGTH = 200;

    private static final String CLAIM = """
            insert into idempotency_key (user_id, idem_key, endpoint, request_hash, created_at)
            values (:userId, :key, :endpoint, :hash, :now)
            on conflict (user_id, idem_key) do nothing""";

    private static final String RECORD = """
            update idempotency_key set status = :status, location = :location, body = :body
            where user_id = :userId and idem_key = :key""";

    private final ObjectMapper json;

    IdempotencyKeys(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Runs {@code create} once per (user, key); without a key it just runs. The request is fingerprinted so a key
     * reused for a different request is refused rather than silently answered with another request's result.
     */
    public Uni<StoredResponse> once(String userId, String key, String endpoint, Object request,
            Supplier<Uni<Created>> create) {
        if (key == null) {
            return create.get().map(this::store);
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.badRequest("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        String hash = fingerprint(endpoint, request);
        return Panache.getSession().flatMap(session -> session.createNativeQuery(CLAIM)
                .setParameter("userId", userId)
                .setParameter("key", key)
                .setParameter("endpoint", endpoint)
                .setParameter("hash", hash)
                .setParameter("now", Instant.now())
                .executeUpdate())
                .flatMap(claimed -> claimed == 1
                        ? create.get().map(this::store).call(stored -> record(userId, key, stored))
                        : replay(userId, key, hash));
    }

    private Uni<StoredResponse> replay(String userId, String key, String hash) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "select request_hash, status, location, body from idempotency_key"
                        + " where user_id = :userId and idem_key = :key", Object[].class)
                .setParameter("userId", userId)
                .setParameter("key", key)
                .getResultList())
                .map(rows -> {
                    List<Object[]> found = rows;
                    Object[] row = found.get(0);
                    if (!hash.equals(row[0])) {
                        throw new ProblemException(422, "Unprocessable Content",
                                "this Idempotency-Key was used for a different request", null);
                    }
                    if (row[1] == null) {
                        throw ProblemException.conflict("a request with this Idempotency-Key is still in progress");
                    }
                    return new StoredResponse(((Number) row[1]).intValue(), (String) row[2], (String) row[3]);
                });
    }

    private Uni<Integer> record(String userId, String key, StoredResponse stored) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(RECORD)
                .setParameter("status", stored.status())
                .setParameter("location", stored.location())
                .setParameter("body", stored.body())
                .setParameter("userId", userId)
                .setParameter("key", key)
                .executeUpdate());
    }

    private StoredResponse store(Created created) {
        try {
            return new StoredResponse(201, created.location(), json.writeValueAsString(created.body()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the response", e);
        }
    }

    private String fingerprint(String endpoint, Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((endpoint + "\n" + json.writeValueAsString(request)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint the request", e);
        }
    }

    /** What a create produced: the new resource's location and its representation. */
    public record Created(String location, Object body) {
    }
}
