package io.circles.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.platform.problem.Problem;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a request line whose target is longer than {@link #MAX_URI} characters with a problem+json 414 before
 * routing. The HTTP codec accepts lines up to {@code quarkus.http.limits.max-initial-line-length} (64K here) so that
 * this answer, not the codec's empty one, is what a client gets; only lines beyond that are cut off by the codec.
 */
@ApplicationScoped
public class UriLengthLimit {

    /** The longest request target served: no route of the API needs more (ids are short, cursors opaque but small). */
    public static final int MAX_URI = 4096;

    private final String tooLong;

    UriLengthLimit(ObjectMapper json) throws JsonProcessingException {
        this.tooLong = json.writeValueAsString(Problem.of(414, "URI Too Long",
                "the request target is longer than " + MAX_URI + " characters; nothing was read or changed"));
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 2).handler(this::check);
    }

    private void check(RoutingContext context) {
        if (context.request().uri().length() <= MAX_URI) {
            context.next();
            return;
        }
        context.response().setStatusCode(414).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(tooLong);
    }
}
