package io.circles.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.circles.local.LocalService;
import io.circles.test.consistency.ConsistencyReport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scenario 3: two feed-service instances share the consumer group; one is SIGKILLed while posts are being fanned
 * out, its partitions move to the other, and it is restarted.
 */
@Tag("reliability")
class FeedInstanceCrashIT {

    private static final String GROUP = "feed-service";

    private static ReliablePlatform platform;
    private static Workload workload;

    @BeforeAll
    static void startPlatform() {
        platform = ReliablePlatform.get();
        workload = Workload.get(platform);
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void aKilledInstancesPartitionsMoveAndTimelinesEndCompleteWithoutDuplicates() throws Exception {
        List<LoadDriver.Failure> failures;
        String answers;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.infrastructure().kafka().bootstrapServers()))) {
            // Each instance is one group member per consumed topic; counted before the second instance joins.
            int perInstance = members(admin);
            LocalService replica = platform.feedReplica();
            try (LoadDriver load = LoadDriver.start(platform, workload)) {
                // Both instances hold partitions of every topic before one of them dies.
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> members(admin) == 2 * perInstance
                                && membersWithPartitions(admin) == 2 * perInstance);
                int partitions = assignedPartitions(admin);
                load.runFor(Duration.ofSeconds(5));
                replica.kill();
                // The survivor takes the dead instance's partitions once its session times out.
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> members(admin) == perInstance && assignedPartitions(admin) == partitions);
                load.runFor(Duration.ofSeconds(5));
                replica.restart();
                replica.awaitReady(Duration.ofSeconds(180));
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> membersWithPartitions(admin) == 2 * perInstance);
                load.runFor(Duration.ofSeconds(5));
                load.close();
                failures = load.failures();
                answers = load.summary();
            } finally {
                // The other scenarios run with one instance (a rebuild rewinds only its own partitions).
                replica.stop();
            }
        }

        ConsistencyReport report = platform.checker().alsoReadFeedsOf(workload.users())
                .awaitConsistent(Duration.ofSeconds(90));
        assertAll(
                () -> assertEquals(List.of(), failures, "every call answers 2xx; " + answers),
                () -> assertTrue(report.consistent(), report::toString));
    }

    private static int members(Admin admin) throws Exception {
        return group(admin).members().size();
    }

    private static int membersWithPartitions(Admin admin) throws Exception {
        int n = 0;
        for (MemberDescription member : group(admin).members()) {
            if (!member.assignment().topicPartitions().isEmpty()) {
                n++;
            }
        }
        return n;
    }

    private static int assignedPartitions(Admin admin) throws Exception {
        int n = 0;
        for (MemberDescription member : group(admin).members()) {
            n += member.assignment().topicPartitions().size();
        }
        return n;
    }

    private static ConsumerGroupDescription group(Admin admin) throws Exception {
        return admin.describeConsumerGroups(List.of(GROUP)).all().get(10, TimeUnit.SECONDS).get(GROUP);
    }
}
