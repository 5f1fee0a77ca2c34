package io.circles.feed;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.community.MemberJoined;
import io.circles.feed.live.LiveFeed;
import io.circles.feed.membership.FeedKeys;
import io.circles.feed.timeline.TimelineMember;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands.RedisSubscriber;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Fan-out announces an item on a user's channel only while that user has a live stream open. */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class LiveAnnouncementIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    ObjectMapper json;

    @Inject
    RedisDataSource redis;

    @Inject
    LiveFeed live;

    @TestHTTPResource("/api/feeds/me/stream")
    URL stream;

    @Test
    void aMemberWithoutAStreamGetsTheItemButNoAnnouncementAndAStreamBringsThemBack() throws Exception {
        Published events = new Published(json);
        String community = UUID.randomUUID().toString();
        String member = Tokens.newUserId("member");
        events.publish(new MemberJoined(community, member, "MEMBER", Instant.now()));
        await().atMost(WAIT).until(() -> redis.set(String.class).scard(FeedKeys.members(community)) == 1);
        FanOutIT.homeIds(member); // a visit: the member is active, so fan-out writes their timeline

        List<String> announced = new CopyOnWriteArrayList<>();
        RedisSubscriber subscriber = redis.pubsub(String.class).subscribe(FeedKeys.live(member), announced::add);
        try {
            String quiet = UUID.randomUUID().toString();
            events.publish(LiveStreamIT.post(quiet, community, member));
            await().atMost(WAIT).until(() -> FanOutIT.stored(redis, member).contains(TimelineMember.of(quiet)));
            // The announcement would have been published by the same script call that wrote the timeline.
            Thread.sleep(1000);
            assertEquals(List.of(), announced, "no stream open, nothing published on the member's channel");
            assertFalse(redis.key(String.class).exists(FeedKeys.streaming(member)));

            try (LiveStream ignored = LiveStream.open(stream, member)) {
                await().atMost(WAIT).until(() -> live.listeners(FeedKeys.live(member)) == 1);
                assertTrue(redis.key(String.class).exists(FeedKeys.streaming(member)));

                String streamed = UUID.randomUUID().toString();
                events.publish(LiveStreamIT.post(streamed, community, member));
                await().atMost(WAIT).until(() -> announced.contains(TimelineMember.of(streamed)));
                assertEquals(List.of(TimelineMember.of(streamed)), announced);
            }
        } finally {
            subscriber.unsubscribe();
        }
    }
}
