package io.circles.platform.tracing;

import java.util.HashMap;
import java.util.Map;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * The W3C {@code traceparent} of a trace context, the form in which the outbox keeps the context of the request that
 * wrote an event and sends it on as the record's {@code traceparent} header (the CloudEvents distributed-tracing
 * extension), so the consumers' spans continue the request's trace.
 */
public final class Traceparents {

    public static final String HEADER = "traceparent";

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private Traceparents() {
    }

    /** The current span's traceparent, or null when there is no valid current span (a sweep, a scheduled job). */
    public static String current() {
        return of(Span.current().getSpanContext());
    }

    /** A span context's traceparent, or null when it is not valid. */
    public static String of(SpanContext context) {
        if (!context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    /** The context a stored traceparent names (the root context when it is null or malformed). */
    public static Context parent(String traceparent) {
        if (traceparent == null) {
            return Context.root();
        }
        Map<String, String> carrier = new HashMap<>();
        carrier.put(HEADER, traceparent);
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, MAP);
    }
}
