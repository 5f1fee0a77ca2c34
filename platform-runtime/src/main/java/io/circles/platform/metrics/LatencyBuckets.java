package io.circles.platform.metrics;

import java.time.Duration;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Histogram buckets on every service's HTTP server timer, so {@code http_server_requests_seconds_bucket} exists and
 * latency percentiles and SLOs can be computed across replicas (a Micrometer timer alone exports count, sum and max).
 * Fixed boundaries rather than Micrometer's percentile histogram (about 70 buckets per series): a dozen that bracket
 * the objectives in docs/operations.md ("SLOs and alerts"), whose 200 ms boundary the feed-read SLO counts against.
 */
@Singleton
public class LatencyBuckets {

    /** Name of the timer Quarkus records each HTTP request in. */
    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    /** The bucket boundaries, the SLOs' among them (200 ms feed reads). */
    static final Duration[] BOUNDARIES = Stream.of(5, 10, 25, 50, 100, 200, 300, 500, 1000, 2500, 5000, 10000)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    @Produces
    @Singleton
    MeterFilter httpServerBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!HTTP_SERVER_REQUESTS.equals(id.getName())) {
                    return config;
                }
                // Timers take their boundaries in nanoseconds.
                double[] nanos = Stream.of(BOUNDARIES).mapToDouble(Duration::toNanos).toArray();
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }
}
