package io.circles.reliability;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.circles.local.LocalKafka;
import io.circles.test.consistency.ConsistencyReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Scenario 1: the only Kafka broker stops for 30 s under load and comes back. */
@Tag("reliability")
class KafkaBrokerOutageIT {

    private static ReliablePlatform platform;
    private static Workload workload;

    @BeforeAll
    static void startPlatform() {
        platform = ReliablePlatform.get();
        workload = Workload.get(platform);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void writesSucceedWhileTheBrokerIsDownAndEveryEffectArrivesOnceItIsBack() {
        LocalKafka kafka = platform.infrastructure().kafka();
        List<LoadDriver.Failure> failures;
        String answers;
        long postsBefore;
        long postsDuring;
        try (LoadDriver load = LoadDriver.start(platform, workload)) {
            load.runFor(Duration.ofSeconds(5));
            kafka.stop();
            try {
                postsBefore = load.succeeded("post");
                load.runFor(Duration.ofSeconds(30));
                postsDuring = load.succeeded("post") - postsBefore;
            } finally {
                kafka.restart();
            }
            load.runFor(Duration.ofSeconds(10));
            load.close();
            failures = load.failures();
            answers = load.summary();
        }

        ConsistencyReport report = platform.checker().alsoReadFeedsOf(workload.users())
                .awaitConsistent(Duration.ofSeconds(90));
        assertAll(
                () -> assertEquals(List.of(), failures, "every call answers 2xx, outage or not; " + answers),
                () -> assertTrue(postsDuring > 0, "posts were written while the broker was down; " + answers),
                () -> assertTrue(report.consistent(), report::toString));
    }
}
