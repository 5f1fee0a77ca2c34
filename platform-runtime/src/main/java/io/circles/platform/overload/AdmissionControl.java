package io.circles.platform.overload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.platform.problem.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds the requests a service works on at once ({@code circles.overload.max-in-flight}) and answers those it cannot
 * start within {@code circles.overload.max-queue-wait} with a problem+json 503 and {@code Retry-After}, instead of
 * letting them queue until the client gives up. It runs as the first route of the HTTP router, before the request
 * body is read, so a refused request costs no parsing and changes nothing.
 *
 * <p>Never refused: the non-application endpoints (health, metrics, OpenAPI under {@code /q/}), which must answer
 * an orchestrator most of all when the service is busy, and live streams (Server-Sent Events), which stay open for
 * minutes: a request that asks for {@code text/event-stream} skips admission, and a response that turns out to be a
 * stream gives its slot back as soon as its headers are written. A slot is given back when the response ends, fails
 * or the connection closes, whichever comes first.
 */
@ApplicationScoped
public class AdmissionControl {

    private static final String EVENT_STREAM = "text/event-stream";

    private final OverloadConfig config;
    private final AdmissionQueue queue;
    /** The non-application root ({@code /q}): health, metrics, OpenAPI. */
    private final String exemptRoot;
    private final String retryAfter;
    private final String refusal;
    private final Counter queueFull;
    private final Counter timedOut;

    AdmissionControl(OverloadConfig config, Vertx vertx, ObjectMapper json, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "circles") String service,
            @ConfigProperty(name = "quarkus.http.non-application-root-path", defaultValue = "q") String nonApplication)
            throws JsonProcessingException {
        this.config = config;
        this.queue = new AdmissionQueue(config.maxInFlight(), config.maxQueued(), config.maxQueueWait().toMillis(),
                new VertxTimers(vertx));
        String root = nonApplication.startsWith("/") ? nonApplication : "/" + nonApplication;
        this.exemptRoot = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        long seconds = Math.max(1, (config.retryAfter().toMillis() + 999) / 1000);
        this.retryAfter = Long.toString(seconds);
        this.refusal = json.writeValueAsString(Problem.of(503, "Service Unavailable", "the service is at capacity and"
                + " could not start this request in time; nothing was changed, retry in " + seconds + " s"));
        this.queueFull = refused(registry, service, AdmissionQueue.Refusal.QUEUE_FULL);
        this.timedOut = refused(registry, service, AdmissionQueue.Refusal.TIMED_OUT);
        Gauge.builder("circles.overload.in-flight", queue, AdmissionQueue::inFlight).tag("service", service)
                .description("requests admitted and not yet answered").register(registry);
        Gauge.builder("circles.overload.waiting", queue, AdmissionQueue::waiting).tag("service", service)
                .description("requests waiting for admission").register(registry);
    }

    void install(@Observes Router router) {
        if (config.enabled()) {
            // After the cheap refusals of oversized requests (UriLengthLimit, BodySizeLimit, Quarkus's upload limit),
            // before anything that reads the body or routes to a resource.
            router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(this::admit);
        }
    }

    private void admit(RoutingContext context) {
        HttpServerRequest request = context.request();
        String path = request.path();
        if (path == null || isExempt(path) || asksForStream(request)) {
            context.next();
            return;
        }
        Admission admission = new Admission(context, Vertx.currentContext());
        // Registered first: whatever happens to the request from here on (answered, failed, connection closed while it
        // waits), its slot or its place in the queue is given back, once.
        context.addEndHandler(done -> admission.release());
        context.addHeadersEndHandler(ignored -> {
            String type = context.response().headers().get(HttpHeaders.CONTENT_TYPE);
            if (type != null && type.startsWith(EVENT_STREAM)) {
                admission.release();
            }
        });
        admission.hold(queue.enter(admission));
    }

    /** One request's way through the queue; it may be released before {@link AdmissionQueue#enter} has returned. */
    private final class Admission implements AdmissionQueue.Waiter {

        private final RoutingContext context;
        private final Context origin;
        private AdmissionQueue.Ticket ticket;
        private boolean released;

        Admission(RoutingContext context, Context origin) {
            this.context = context;
            this.origin = origin;
        }

        @Override
        public void admitted(AdmissionQueue.Ticket ticket) {
            hold(ticket);
            onOrigin(origin, () -> {
                if (context.response().ended() || context.response().closed()) {
                    release();
                } else {
                    context.next();
                }
            });
        }

        @Override
        public void refused(AdmissionQueue.Ticket ticket, AdmissionQueue.Refusal reason) {
            (reason == AdmissionQueue.Refusal.QUEUE_FULL ? queueFull : timedOut).increment();
            onOrigin(origin, () -> refuse(context));
        }

        void hold(AdmissionQueue.Ticket held) {
            boolean releaseNow;
            synchronized (this) {
                ticket = held;
                releaseNow = released;
            }
            if (releaseNow) {
                held.release();
            }
        }

        void release() {
            AdmissionQueue.Ticket held;
            synchronized (this) {
                released = true;
                held = ticket;
            }
            if (held != null) {
                held.release();
            }
        }
    }

    private void refuse(RoutingContext context) {
        if (context.response().ended() || context.response().closed()) {
            return;
        }
        HttpServerRequest request = context.request();
        if (!request.isEnded()) {
            // The body was not read (the request is paused until routed): drop it, so the connection stays usable.
            request.handler(ignored -> { });
            request.resume();
        }
        context.response().setStatusCode(503)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.RETRY_AFTER, retryAfter)
                .end(refusal);
    }

    private boolean isExempt(String path) {
        return path.startsWith(exemptRoot) && (path.length() == exemptRoot.length()
                || path.charAt(exemptRoot.length()) == '/');
    }

    private static boolean asksForStream(HttpServerRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(EVENT_STREAM);
    }

    /** Runs on the request's own event loop: a slot may be freed, and a timer fire, on another one. */
    private static void onOrigin(Context origin, Runnable task) {
        if (origin == null || origin == Vertx.currentContext()) {
            task.run();
        } else {
            origin.runOnContext(ignored -> task.run());
        }
    }

    private static Counter refused(MeterRegistry registry, String service, AdmissionQueue.Refusal reason) {
        return Counter.builder("circles.overload.refused").tag("service", service).tag("reason", reason.tag())
                .description("requests answered 503 because the service was at capacity").register(registry);
    }

    /** Vert.x timers: they fire on the event loop of the context that set them, without a thread of their own. */
    private record VertxTimers(Vertx vertx) implements AdmissionQueue.Timers {

        @Override
        public Object schedule(long delayMillis, Runnable task) {
            return vertx.setTimer(delayMillis, id -> task.run());
        }

        @Override
        public void cancel(Object timer) {
            vertx.cancelTimer((Long) timer);
        }
    }
}
