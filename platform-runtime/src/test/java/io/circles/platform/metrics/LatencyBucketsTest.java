package io.circles.platform.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class LatencyBucketsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    LatencyBucketsTest() {
        registry.config().meterFilter(new LatencyBuckets().httpServerBuckets());
    }

    @Test
    void httpServerRequestsGetBucketsBracketingTheFeedReadObjective() {
        Timer requests = Timer.builder("http.server.requests").tag("uri", "/api/feeds/me").register(registry);
        requests.record(Duration.ofMillis(150));
        requests.record(Duration.ofMillis(250));

        CountAtBucket[] buckets = requests.takeSnapshot().histogramCounts();
        assertArrayEquals(new double[] {0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2.5, 5, 10},
                Arrays.stream(buckets).mapToDouble(b -> b.bucket(TimeUnit.SECONDS)).toArray());
        CountAtBucket within200ms = Arrays.stream(buckets).filter(b -> b.bucket(TimeUnit.SECONDS) == 0.2)
                .findFirst().orElseThrow();
        assertEquals(1, within200ms.count(), "one of the two reads took 200 ms or less");
    }

    @Test
    void otherTimersAreLeftAlone() {
        Timer other = Timer.builder("redis.commands.duration").register(registry);
        other.record(Duration.ofMillis(5));

        assertEquals(0, other.takeSnapshot().histogramCounts().length);
    }
}
