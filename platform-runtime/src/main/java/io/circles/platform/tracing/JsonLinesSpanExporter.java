package io.circles.platform.tracing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Appends each finished span to a file as one JSON object per line: trace and span ids, parent, name, kind, service,
 * times, status, attributes and links. Several services may share the file: each batch is one append of whole lines.
 */
final class JsonLinesSpanExporter implements SpanExporter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AttributeKey<String> SERVICE = AttributeKey.stringKey("service.name");

    private final Path file;

    JsonLinesSpanExporter(Path file) {
        this.file = file;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of the trace file " + file, e);
        }
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        StringBuilder lines = new StringBuilder();
        try {
            for (SpanData span : spans) {
                lines.append(JSON.writeValueAsString(line(span))).append('\n');
            }
            synchronized (this) {
                Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            }
            return CompletableResultCode.ofSuccess();
        } catch (JsonProcessingException e) {
            return CompletableResultCode.ofFailure();
        } catch (IOException e) {
            return CompletableResultCode.ofFailure();
        }
    }

    static Map<String, Object> line(SpanData span) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("traceId", span.getTraceId());
        line.put("spanId", span.getSpanId());
        line.put("parentSpanId", span.getParentSpanContext().isValid() ? span.getParentSpanId() : null);
        line.put("name", span.getName());
        line.put("kind", span.getKind().name());
        line.put("service", span.getResource().getAttribute(SERVICE));
        line.put("start", Instant.ofEpochSecond(0, span.getStartEpochNanos()).toString());
        line.put("durationMicros", (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1_000);
        line.put("status", span.getStatus().getStatusCode().name());
        Map<String, Object> attributes = new LinkedHashMap<>();
        span.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), value));
        line.put("attributes", attributes);
        List<Map<String, String>> links = new ArrayList<>();
        for (LinkData link : span.getLinks()) {
            links.add(Map.of("traceId", link.getSpanContext().getTraceId(), "spanId", link.getSpanContext().getSpanId()));
        }
        line.put("links", links);
        return line;
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
