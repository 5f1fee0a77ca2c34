package io.circles.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.circles.local.LocalKafkaCluster;
import io.circles.test.consistency.ConsistencyReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Scenario 2: the services run on a 3-node Kafka cluster (replication factor 3, min.insync.replicas=2) and one node is
 * SIGKILLed under load. Runs in its own JVM (the module's second surefire execution sets reliability.kafka=cluster).
 */
@Tag("reliability")
@EnabledIfSystemProperty(named = "reliability.kafka", matches = "cluster")
class KafkaClusterIT {

    private static final Duration RESUME_WITHIN = Duration.ofSeconds(30);

    private static ReliablePlatform platform;
    private static Workload workload;

    @BeforeAll
    static void startPlatform() {
        platform = ReliablePlatform.get();
        workload = Workload.get(platform);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void losingOneBrokerLosesAndDuplicatesNothingAndConsumersResumeWithinSeconds() {
        LocalKafkaCluster cluster = platform.kafkaCluster();
        Http http = new Http(platform.gatewayUrl());
        Workload.Community community = workload.communities.get(0);
        String author = community.steadyMembers().get(0);
        String reader = community.steadyMembers().get(1);
        List<LoadDriver.Failure> failures;
        String answers;
        long resumedAfterMillis;
        try (LoadDriver load = LoadDriver.start(platform, workload)) {
            load.runFor(Duration.ofSeconds(5));
            cluster.kill(2);
            long lost = System.nanoTime();
            // A post written right after the loss reaches a member's feed: the relay and the consumers resumed.
            Http.Reply posted = http.post(author, "/api/communities/" + community.id() + "/posts",
                    "{\"text\":\"Still rolling with one broker down\",\"media\":[]}");
            assertEquals(201, posted.status(), () -> "a post with one broker down is accepted: " + posted);
            String postId = posted.json().path("id").asText();
            assertFalse(postId.isBlank(), () -> "the accepted post has an id: " + posted);
            await().atMost(RESUME_WITHIN).pollInterval(Duration.ofMillis(250))
                    .until(() -> http.get(reader, "/api/feeds/me?limit=50").body().contains(postId));
            resumedAfterMillis = (System.nanoTime() - lost) / 1_000_000;
            load.runFor(Duration.ofSeconds(15));
            load.close();
            failures = load.failures();
            answers = load.summary();
        }
        System.out.printf("consumers resumed %d ms after a broker was lost%n", resumedAfterMillis);

        ConsistencyReport report = platform.checker().alsoReadFeedsOf(workload.users())
                .awaitConsistent(Duration.ofSeconds(90));
        assertAll(
                () -> assertEquals(List.of(), failures, "every call answers 2xx with a broker down; " + answers),
                () -> assertTrue(report.consistent(), report::toString));
    }
}
