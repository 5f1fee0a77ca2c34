package io.circles.platform.ratelimit;

import java.lang.reflect.Method;

import io.circles.platform.identity.Caller;
import io.circles.platform.problem.Problem;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Answers 429 with {@code Retry-After} when a {@link RateLimited} write is over the caller's budget. It runs before
 * the body is read, so a refused request costs no parsing and changes nothing. Anonymous requests pass through: the
 * resource's own authentication answers them.
 */
public class RateLimitFilter {

    private final RateLimiter limiter;
    private final CurrentIdentityAssociation identities;

    RateLimitFilter(RateLimiter limiter, CurrentIdentityAssociation identities) {
        this.limiter = limiter;
        this.identities = identities;
    }

    @ServerRequestFilter
    @RateLimited(RateLimited.ANY)
    public Uni<Response> limit(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        RateLimited limited = method == null ? null : method.getAnnotation(RateLimited.class);
        if (limited == null) {
            return Uni.createFrom().nullItem();
        }
        String scope = limited.value();
        return identities.getDeferredIdentity()
                // An invalid token is answered by authentication, which sees the same failure.
                .onFailure().recoverWithNull()
                .flatMap(identity -> {
                    String user = Caller.idOf(identity);
                    if (user == null) {
                        return Uni.createFrom().nullItem();
                    }
                    return limiter.acquire(user, scope)
                            .map(decision -> decision.allowed() ? null : tooMany(scope, decision));
                });
    }

    private static Response tooMany(String scope, RateLimiter.Decision decision) {
        long seconds = decision.retryAfterSeconds();
        return Response.status(429).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .entity(Problem.of(429, "Too Many Requests", "too many " + scope + " requests from this user; nothing"
                        + " was changed, retry in " + seconds + " s"))
                .build();
    }
}
