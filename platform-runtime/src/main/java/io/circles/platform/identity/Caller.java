package io.circles.platform.identity;

import io.circles.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The user behind the current request, from the verified bearer token: the only source of an actor's id. */
@RequestScoped
public class Caller {

    public static final String PLATFORM_ADMIN = "platform-admin";

    private final JsonWebToken token;

    Caller(JsonWebToken token) {
        this.token = token;
    }

    /** The caller's user id, the token's {@code sub}; 401 when the request carries no valid token. */
    public String id() {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new ProblemException(401, "Unauthorized", "a valid bearer token is required", null);
        }
        return subject;
    }

    public boolean isPlatformAdmin() {
        return token.getGroups() != null && token.getGroups().contains(PLATFORM_ADMIN);
    }

    /** The user id of a verified identity (the token's sub, as {@link #id()} reads it), or null when anonymous. */
    public static String idOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        // The principal's name may be the upn instead of the sub.
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null) {
            return token.getSubject();
        }
        return identity.getPrincipal().getName();
    }
}
