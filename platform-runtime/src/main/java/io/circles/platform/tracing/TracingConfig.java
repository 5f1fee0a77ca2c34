package io.circles.platform.tracing;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Where finished spans go; with neither set, spans still carry trace ids (logs, Kafka headers) but leave nowhere. */
@ConfigMapping(prefix = "circles.tracing")
public interface TracingConfig {

    /** An OTLP/HTTP collector's base URL, e.g. {@code http://otel-collector:4318}; spans go to {@code /v1/traces}. */
    Optional<String> otlpEndpoint();

    /** A file that gets one JSON line per finished span (for looking at traces locally without a collector). */
    Optional<Path> file();
}
