package io.circles.community.idempotency;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.community.db.Sql;
import io.circles.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Makes a creating POST safe to retry: the first response is stored with (user, scope, key) in the same
 * transaction as the create, and a retry with the same key by the same user gets it back unchanged.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 200;

    private final ObjectMapper json;

    IdempotencyKeys(ObjectMapper json) {
        this.json = json;
    }

    /** Checks the header value before any work is done. */
    public static void validate(String key) {
        if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH)) {
            throw ProblemException.badRequest(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
    }

    /**
     * Runs {@code create} once per key; must be called inside the transaction of the create. Without a key it
     * simply runs it.
     */
    public Uni<StoredResponse> once(String userId, String scope, String key, Supplier<Uni<Created>> create) {
        if (key == null) {
            return create.get().map(this::serialize);
        }
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                        "select status, body, location from idempotency_key"
                                + " where user_id = :u and scope = :s and key = :k")
                        .setParameter("u", userId).setParameter("s", scope).setParameter("k", key)
                        .getResultList())
                .flatMap(rows -> {
                    if (!rows.isEmpty()) {
                        Object[] row = (Object[]) ((List<?>) rows).get(0);
                        return Uni.createFrom().item(new StoredResponse(((Number) row[0]).intValue(),
                                (String) row[1], (String) row[2], true));
                    }
                    return create.get().map(this::serialize).call(response -> Sql.update("""
                            insert into idempotency_key (user_id, scope, key, status, location, body, created_at)
                            values (:u, :s, :k, :status, :location, :body, :now) on conflict do nothing""",
                            "u", userId, "s", scope, "k", key, "status", response.status(),
                            "location", response.location(), "body", response.body(),
                            "now", Instant.now())
                            .invoke(inserted -> {
                                if (inserted == 0) {
                                    // A concurrent request with the same key won; this transaction rolls back.
                                    throw ProblemException.conflict(
                                            "a request with this Idempotency-Key is in progress");
                                }
                            }));
                });
    }

    private StoredResponse serialize(Created created) {
        try {
            return new StoredResponse(created.status(), json.writeValueAsString(created.body()), created.location(),
                    false);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize response", e);
        }
    }

    /** What a create produced: status, body and the new resource's address. */
    public record Created(int status, Object body, String location) {
    }

    /** The response to send, serialized; {@code replay} when it is the stored first response. */
    public record StoredResponse(int status, String body, String location, boolean replay) {

        /** The HTTP response, with a Location header when the create named one. */
        public Response toResponse() {
            Response.ResponseBuilder builder = Response.status(status)
                    .type(MediaType.APPLICATION_JSON).entity(body);
            if (location != null) {
                builder.location(URI.create(location));
            }
            return builder.build();
        }
    }
}
