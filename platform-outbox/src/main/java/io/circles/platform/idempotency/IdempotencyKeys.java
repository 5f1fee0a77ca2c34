package io.circles.platform.idempotency;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.platform.db.NativeSelect;
import io.circles.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Makes a creating POST safe to retry with an {@code Idempotency-Key} header.
 *
 * <ul>
 * <li>A key belongs to (user, scope): two users, or one user in two scopes (say the posts of two communities),
 * may use the same key independently. The scope is the kind of resource created, plus its parent when keys should
 * be independent per parent ({@code "post:" + communityId}).</li>
 * <li>Call {@link #once} inside the transaction that creates. It inserts the key row first, so a concurrent retry
 * blocks on that row until the first request commits and then replays its stored status, Location and body; if
 * the create fails, the key row rolls back with it and a retry runs afresh.</li>
 * <li>The request body is fingerprinted with the key: the same key with a different body is answered 422 rather
 * than silently with another request's result.</li>
 * <li>The key must be 1 to {@value #MAX_KEY_LENGTH} characters (400 otherwise); without the header the create
 * simply runs.</li>
 * </ul>
 * The table is {@code idempotency_key}, created by this module's {@code db/platform} migration.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_KEY_LENGTH = 200;

    private static final String CLAIM = """
            insert into idempotency_key (user_id, scope, idem_key, request_hash, created_at)
            values (:userId, :scope, :key, :hash, :now)
            on conflict (user_id, scope, idem_key) do nothing""";

    private static final String RECORD = """
            update idempotency_key set status = :status, location = :location, body = :body
            where user_id = :userId and scope = :scope and idem_key = :key""";

    private static final String FIND = """
            select request_hash, status, location, body from idempotency_key
            where user_id = :userId and scope = :scope and idem_key = :key""";

    private final ObjectMapper json;

    IdempotencyKeys(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Runs {@code create} once per (user, scope, key) and answers with its response, or with the stored first
     * response for a retry. {@code request} is the parsed request body, fingerprinted to detect a reused key.
     */
    public Uni<StoredResponse> once(String userId, String scope, String key, Object request,
            Supplier<Uni<Created>> create) {
        if (key == null) {
            return create.get().map(this::serialize);
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            return Uni.createFrom().failure(
                    ProblemException.badRequest(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters"));
        }
        String hash = fingerprint(request);
        return Panache.getSession().flatMap(session -> session.createNativeQuery(CLAIM)
                .setParameter("userId", userId)
                .setParameter("scope", scope)
                .setParameter("key", key)
                .setParameter("hash", hash)
                .setParameter("now", Instant.now())
                .executeUpdate())
                .flatMap(claimed -> claimed == 1
                        ? create.get().map(this::serialize).call(stored -> record(userId, scope, key, stored))
                        : replay(userId, scope, key, hash));
    }

    private Uni<StoredResponse> replay(String userId, String scope, String key, String hash) {
        return Panache.getSession().flatMap(session -> NativeSelect.of(session, FIND, Object[].class)
                .setParameter("userId", userId)
                .setParameter("scope", scope)
                .setParameter("key", key)
                .getResultList())
                .map(rows -> {
                    List<Object[]> found = rows;
                    Object[] row = found.get(0);
                    if (!hash.equals(row[0])) {
                        throw new ProblemException(422, "Unprocessable Content",
                                "this Idempotency-Key was used for a different request", null);
                    }
                    // Claim and response commit together, so an empty row is only seen from the claiming
                    // transaction itself (a key reused within one request); refuse rather than replay nothing.
                    if (row[1] == null) {
                        throw ProblemException.conflict("a request with this Idempotency-Key is still in progress");
                    }
                    return new StoredResponse(((Number) row[1]).intValue(), (String) row[2], (String) row[3]);
                });
    }

    private Uni<Integer> record(String userId, String scope, String key, StoredResponse stored) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(RECORD)
                .setParameter("status", stored.status())
                .setParameter("location", stored.location())
                .setParameter("body", stored.body())
                .setParameter("userId", userId)
                .setParameter("scope", scope)
                .setParameter("key", key)
                .executeUpdate());
    }

    private StoredResponse serialize(Created created) {
        try {
            return new StoredResponse(created.status(), created.location(), json.writeValueAsString(created.body()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the response", e);
        }
    }

    private String fingerprint(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint the request", e);
        }
    }

    /** What a create produced: status, the new resource's address and its representation. */
    public record Created(int status, String location, Object body) {

        /** The usual 201 Created at {@code location}. */
        public static Created at(String location, Object body) {
            return new Created(201, location, body);
        }
    }

    /** A create's response as first sent, serialized: replayed verbatim to a retry with the same key. */
    public record StoredResponse(int status, String location, String body) {

        /** The HTTP response, with a Location header when the create named one. */
        public Response toResponse() {
            Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON).entity(body);
            if (location != null) {
                builder.location(URI.create(location));
            }
            return builder.build();
        }
    }
}
