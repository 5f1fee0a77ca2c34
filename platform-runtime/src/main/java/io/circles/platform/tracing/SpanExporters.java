package io.circles.platform.tracing;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one span exporter of a service, chosen by {@link TracingConfig} at start-up. Quarkus's own OTLP exporter would
 * send to {@code localhost:4317} when nothing is configured; a service of ours exports only where it is told to.
 */
public class SpanExporters {

    @Produces
    @Singleton
    SpanExporter spanExporter(TracingConfig config) {
        List<SpanExporter> targets = new ArrayList<>();
        config.otlpEndpoint().filter(endpoint -> !endpoint.isBlank()).ifPresent(endpoint -> targets.add(
                OtlpHttpSpanExporter.builder().setEndpoint(endpoint.replaceAll("/+$", "") + "/v1/traces").build()));
        config.file().ifPresent(file -> targets.add(new JsonLinesSpanExporter(file)));
        return targets.isEmpty() ? new Nowhere() : SpanExporter.composite(targets);
    }

    /** No destination configured: finished spans are dropped. */
    static final class Nowhere implements SpanExporter {

        @Override
        public CompletableResultCode export(java.util.Collection<SpanData> spans) {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
