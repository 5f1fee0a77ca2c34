package io.circles.platform.web;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.platform.problem.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose declared body is larger than {@code quarkus.http.limits.max-body-size} with a problem+json
 * 413 before a byte of the body is read (a client sending {@code Expect: 100-continue} never sends it). A chunked
 * body without a length is cut off by Quarkus itself once it passes the limit (413, connection closed).
 */
@ApplicationScoped
public class BodySizeLimit {

    /** How long a refused upload may go on being sent (and dropped) before the connection is closed anyway. */
    private static final long LINGER_MILLIS = 2_000;

    private final long maxBytes;
    private final String tooLarge;

    BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
            ObjectMapper json) throws JsonProcessingException {
        this.maxBytes = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        this.tooLarge = json.writeValueAsString(Problem.of(413, "Content Too Large",
                "the request body is larger than " + maxBytes + " bytes; nothing was read or changed"));
    }

    void install(@Observes Router router) {
        // Ahead of Quarkus's own limit handler, which answers the same case with an empty body (and closes too).
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    private void check(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null || !exceeds(declared)) {
            context.next();
            return;
        }
        boolean http1 = context.request().version() != HttpVersion.HTTP_2;
        HttpServerResponse response = context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (http1) {
            // The unread body would otherwise be taken for the next request on this connection.
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        if (!http1) {
            response.end(tooLarge);
            return;
        }
        // Lingering close: drop what the client is still sending and close once it is done (or after a moment).
        // Closing with unread bytes resets the connection, and the client may then lose the 413 it has not read.
        HttpServerRequest request = context.request();
        boolean[] ended = {request.isEnded()};
        if (!ended[0]) {
            request.handler(ignored -> { });
            request.endHandler(ignored -> ended[0] = true);
            request.resume();
        }
        response.end(tooLarge).onComplete(done -> {
            if (ended[0]) {
                request.connection().close();
                return;
            }
            long timer = context.vertx().setTimer(LINGER_MILLIS, ignored -> request.connection().close());
            request.endHandler(ignored -> {
                context.vertx().cancelTimer(timer);
                request.connection().close();
            });
        });
    }

    private boolean exceeds(String declared) {
        try {
            return Long.parseLong(declared.strip()) > maxBytes;
        } catch (NumberFormatException e) {
            // Not a length: Vert.x's HTTP codec rejects the request itself.
            return false;
        }
    }
}
