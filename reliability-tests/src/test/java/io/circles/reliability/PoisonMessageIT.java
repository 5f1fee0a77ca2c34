package io.circles.reliability;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.circles.events.Topics;
import io.circles.events.activity.ActivityScheduled;
import io.circles.events.community.MemberJoined;
import io.circles.events.content.MerchantPostPublished;
import io.circles.events.content.PromotionExhausted;
import io.circles.events.feed.PromotionImpression;
import io.circles.events.merchant.MerchantApproved;
import io.circles.events.merchant.MerchantFollowed;
import io.circles.events.people.ProfileUpdated;
import io.circles.events.post.PostPublished;
import io.circles.test.KafkaProbe;
import io.circles.test.consistency.ConsistencyReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Scenario 6: a poison message on every topic every consumer reads, under load. */
@Tag("reliability")
class PoisonMessageIT {

    /**
     * topic → types its consumers handle (each consumer at least one), so the messages are not skipped as unknown but
     * fail to parse.
     */
    private static final Map<String, List<String>> CONSUMED = new LinkedHashMap<>();

    static {
        CONSUMED.put(Topics.COMMUNITY_EVENTS, List.of(MemberJoined.TYPE));
        CONSUMED.put(Topics.COMMUNITY_POSTS, List.of(PostPublished.TYPE));
        CONSUMED.put(Topics.ACTIVITY_EVENTS, List.of(ActivityScheduled.TYPE));
        // feed-service reads follows, notification-service reviews.
        CONSUMED.put(Topics.MERCHANT_EVENTS, List.of(MerchantFollowed.TYPE, MerchantApproved.TYPE));
        CONSUMED.put(Topics.MERCHANT_CONTENT, List.of(MerchantPostPublished.TYPE, PromotionExhausted.TYPE));
        CONSUMED.put(Topics.FEED_IMPRESSIONS, List.of(PromotionImpression.TYPE));
        CONSUMED.put(Topics.PEOPLE_EVENTS, List.of(ProfileUpdated.TYPE));
    }

    private static ReliablePlatform platform;
    private static Workload workload;

    @BeforeAll
    static void startPlatform() {
        platform = ReliablePlatform.get();
        workload = Workload.get(platform);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void everyPoisonMessageIsDeadLetteredAndConsumptionContinues() {
        List<KafkaProbe> deadLetters = new ArrayList<>();
        Map<KafkaProbe, String> expectedKey = new LinkedHashMap<>();
        List<LoadDriver.Failure> failures;
        String answers;
        try (LoadDriver load = LoadDriver.start(platform, workload)) {
            load.runFor(Duration.ofSeconds(3));
            for (Map.Entry<String, List<String>> topic : CONSUMED.entrySet()) {
                for (String consumer : Consumers.GROUPS.get(topic.getKey())) {
                    KafkaProbe probe = KafkaProbe.on(Topics.deadLetter(topic.getKey(), consumer));
                    deadLetters.add(probe);
                    expectedKey.put(probe, "poison-" + topic.getKey());
                }
            }
            for (Map.Entry<String, List<String>> topic : CONSUMED.entrySet()) {
                for (String type : topic.getValue()) {
                    KafkaProbe.publish(topic.getKey(), "poison-" + topic.getKey(), Map.of(
                            "ce_id", UUID.randomUUID().toString(),
                            "ce_type", type,
                            "ce_source", "/somewhere-else",
                            "ce_specversion", "1.0"), "{\"truncated\": ");
                }
            }
            for (KafkaProbe probe : deadLetters) {
                String key = expectedKey.get(probe);
                probe.await(event -> key.equals(event.key()), Duration.ofSeconds(30));
            }
            load.runFor(Duration.ofSeconds(10));
            load.close();
            failures = load.failures();
            answers = load.summary();
        } finally {
            deadLetters.forEach(KafkaProbe::close);
        }

        ConsistencyReport report = platform.checker().alsoReadFeedsOf(workload.users())
                .awaitConsistent(Duration.ofSeconds(90));
        assertAll(
                () -> assertEquals(List.of(), failures, "every call answers 2xx; " + answers),
                () -> assertTrue(report.consistent(), report::toString));
    }
}
