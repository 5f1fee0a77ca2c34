package io.circles.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.circles.events.Topics;
import io.circles.local.LocalPostgres;
import io.circles.local.LocalService;
import io.circles.test.KafkaProbe;
import io.circles.test.ReceivedEvent;
import io.circles.test.consistency.ConsistencyReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Scenario 4: PostgreSQL (every service's database) goes down for 10 s under load and restarts. */
@Tag("reliability")
class PostgresRestartIT {

    private static ReliablePlatform platform;
    private static Workload workload;

    @BeforeAll
    static void startPlatform() {
        platform = ReliablePlatform.get();
        workload = Workload.get(platform);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void writesDuringTheRestartGetARetryable503AndNothingIsHalfWritten() {
        LocalPostgres postgres = platform.infrastructure().postgres();
        List<LoadDriver.Failure> failures;
        String answers;
        // The consumers that write to PostgreSQL hold what they read while it is down instead of dead-lettering it.
        List<KafkaProbe> deadLetters = List.of(
                KafkaProbe.on(Topics.deadLetter(Topics.COMMUNITY_EVENTS, "event-service")),
                KafkaProbe.on(Topics.deadLetter(Topics.FEED_IMPRESSIONS, "merchant-service")));
        List<ReceivedEvent> deadLettered = new ArrayList<>();
        try (LoadDriver load = LoadDriver.start(platform, workload)) {
            load.runFor(Duration.ofSeconds(5));
            postgres.stop();
            try {
                load.runFor(Duration.ofSeconds(10));
            } finally {
                postgres.restart();
            }
            // Services reconnect by themselves: within seconds, writes succeed again.
            long posts = load.succeeded("post");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> load.succeeded("post") > posts + 5);
            load.runFor(Duration.ofSeconds(5));
            load.close();
            failures = load.failures();
            answers = load.summary();
        } finally {
            for (KafkaProbe probe : deadLetters) {
                deadLettered.addAll(probe.all(event -> true, Duration.ofSeconds(2)));
                probe.close();
            }
        }
        List<LoadDriver.Failure> unclean = failures.stream()
                .filter(f -> f.reply().status() != 503 || f.reply().retryAfter() == null
                        || !f.reply().contentType().startsWith("application/problem+json"))
                .toList();
        for (LocalService service : platform.services()) {
            service.awaitReady(Duration.ofSeconds(60));
        }

        ConsistencyReport report = platform.checker().alsoReadFeedsOf(workload.users())
                .awaitConsistent(Duration.ofSeconds(90));
        assertAll(
                () -> assertFalse(failures.isEmpty(), "writes met the outage; " + answers),
                () -> assertEquals(List.of(), unclean,
                        "during the outage only 503 problems with Retry-After, never a 500; " + answers),
                () -> assertEquals(List.of(), deadLettered, "nothing dead-lettered for an outage"),
                () -> assertTrue(report.consistent(), report::toString));
    }
}
