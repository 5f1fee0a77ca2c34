package io.circles.reliability;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.circles.local.LocalRedis;
import io.circles.test.KafkaProbe;
import io.circles.test.ReceivedEvent;
import io.circles.test.consistency.ConsistencyReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scenario 7: Redis stops for 15 s under load and comes back with its data (append-only file). Feed-service cannot
 * write what it consumes meanwhile; it must hold those records and apply them once Redis answers, not dead-letter
 * them, so every feed matches its sources again without a rebuild.
 */
@Tag("reliability")
class RedisOutageIT {

    /** Every dead-letter topic of feed-service's consumer groups. */
    private static final List<String> FEED_DEAD_LETTERS = Consumers.deadLetterTopicsOf("feed-service");

    private static ReliablePlatform platform;
    private static Workload workload;

    @BeforeAll
    static void startPlatform() {
        platform = ReliablePlatform.get();
        workload = Workload.get(platform);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void whatFeedServiceConsumedWhileRedisWasDownReachesTheFeedsOnceItIsBack() {
        LocalRedis redis = platform.infrastructure().redis();
        List<KafkaProbe> deadLetters = new ArrayList<>();
        List<LoadDriver.Failure> failures;
        String answers;
        long postsDuring;
        long joinsDuring;
        List<ReceivedEvent> deadLettered = new ArrayList<>();
        try {
            FEED_DEAD_LETTERS.forEach(topic -> deadLetters.add(KafkaProbe.on(topic)));
            try (LoadDriver load = LoadDriver.start(platform, workload)) {
                load.runFor(Duration.ofSeconds(5));
                redis.stop();
                try {
                    long postsBefore = load.succeeded("post");
                    long joinsBefore = load.succeeded("join");
                    load.runFor(Duration.ofSeconds(15));
                    postsDuring = load.succeeded("post") - postsBefore;
                    joinsDuring = load.succeeded("join") - joinsBefore;
                } finally {
                    redis.restart();
                }
                load.runFor(Duration.ofSeconds(10));
                load.close();
                failures = load.failures();
                answers = load.summary();
            }
            for (KafkaProbe probe : deadLetters) {
                deadLettered.addAll(probe.all(event -> true, Duration.ofSeconds(2)));
            }
        } finally {
            deadLetters.forEach(KafkaProbe::close);
        }

        ConsistencyReport report = platform.checker().alsoReadFeedsOf(workload.users())
                .awaitConsistent(Duration.ofSeconds(120));
        // A feed read may be refused while Redis is down, and only as the contract says: 503 with Retry-After.
        List<LoadDriver.Failure> notAllowed = failures.stream()
                .filter(failure -> !"feed-read".equals(failure.operation()) || failure.reply().status() != 503
                        || failure.reply().retryAfter() == null
                        || !String.valueOf(failure.reply().contentType()).startsWith("application/problem+json"))
                .toList();
        assertAll(
                () -> assertEquals(List.of(), notAllowed, "only feed reads need Redis to answer, and they answer 503"
                        + " with Retry-After while it is down; " + answers),
                () -> assertTrue(postsDuring > 0 && joinsDuring > 0,
                        "posts and joins were written while Redis was down; " + answers),
                () -> assertEquals(List.of(), deadLettered, "nothing dead-lettered for an outage"),
                () -> assertTrue(report.consistent(), report::toString));
    }
}
