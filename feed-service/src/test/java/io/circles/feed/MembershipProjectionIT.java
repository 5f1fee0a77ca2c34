package io.circles.feed;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.circles.events.Topics;
import io.circles.events.community.MemberJoined;
import io.circles.feed.membership.FeedKeys;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.ReceivedEvent;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class MembershipProjectionIT {

    private static final String DEAD_LETTERS = Topics.deadLetter(Topics.COMMUNITY_EVENTS, "feed-service");

    @Inject
    RedisDataSource redis;

    @Test
    void memberJoinedAddsTheUserToTheCommunityProjection() {
        String community = UUID.randomUUID().toString();

        publishMemberJoined(UUID.randomUUID().toString(), community, "alice");
        publishMemberJoined(UUID.randomUUID().toString(), community, "bob");

        await().atMost(Duration.ofSeconds(15))
                .until(() -> redis.set(String.class).smembers(FeedKeys.members(community)).size() == 2);
        assertEquals(Set.of("alice", "bob"), redis.set(String.class).smembers(FeedKeys.members(community)));
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        String community = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();

        publishMemberJoined(eventId, community, "carol");
        publishMemberJoined(eventId, community, "carol");
        publishMemberJoined(UUID.randomUUID().toString(), community, "dave");

        await().atMost(Duration.ofSeconds(15))
                .until(() -> redis.set(String.class).sismember(FeedKeys.members(community), "dave"));
        assertEquals(Set.of("carol", "dave"), redis.set(String.class).smembers(FeedKeys.members(community)));
    }

    @Test
    void anUnparseableMessageIsDeadLetteredAndTheNextOneIsStillProcessed() {
        String community = UUID.randomUUID().toString();
        try (KafkaProbe deadLetters = KafkaProbe.on(DEAD_LETTERS)) {
            KafkaProbe.publish(Topics.COMMUNITY_EVENTS, community, Map.of(
                    "ce_id", UUID.randomUUID().toString(),
                    "ce_type", MemberJoined.TYPE,
                    "ce_source", "/community-service",
                    "ce_specversion", "1.0"), "{not json at all");
            publishMemberJoined(UUID.randomUUID().toString(), community, "erin");

            ReceivedEvent parked = deadLetters.await(event -> community.equals(event.key()), Duration.ofSeconds(20));
            assertEquals("{not json at all", parked.value());
            assertTrue(parked.headers().containsKey("dead-letter-reason"), () -> "headers: " + parked.headers());
            assertTrue(parked.headers().get("dead-letter-reason").contains("unreadable payload"));
        }
        await().atMost(Duration.ofSeconds(15))
                .until(() -> redis.set(String.class).sismember(FeedKeys.members(community), "erin"));
    }

    @Test
    void eventsOfUnknownTypesAreSkipped() {
        String community = UUID.randomUUID().toString();
        KafkaProbe.publish(Topics.COMMUNITY_EVENTS, community, Map.of(
                "ce_id", UUID.randomUUID().toString(),
                "ce_type", "io.circles.community.something-new.v1",
                "ce_source", "/community-service",
                "ce_specversion", "1.0"), "{\"communityId\":\"" + community + "\"}");
        publishMemberJoined(UUID.randomUUID().toString(), community, "frank");

        await().atMost(Duration.ofSeconds(15))
                .until(() -> redis.set(String.class).sismember(FeedKeys.members(community), "frank"));
        assertEquals(1, redis.set(String.class).scard(FeedKeys.members(community)));
    }

    private static void publishMemberJoined(String eventId, String community, String user) {
        KafkaProbe.publish(Topics.COMMUNITY_EVENTS, community, Map.of(
                "ce_id", eventId,
                "ce_type", MemberJoined.TYPE,
                "ce_source", "/community-service",
                "ce_subject", community + "/members/" + user,
                "ce_time", Instant.now().toString(),
                "ce_specversion", "1.0",
                "content-type", "application/json"),
                "{\"communityId\":\"" + community + "\",\"userId\":\"" + user
                        + "\",\"role\":\"MEMBER\",\"joinedAt\":\"" + Instant.now() + "\"}");
    }
}
