package io.circles.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.circles.feed.membership.FeedKeys;
import io.circles.feed.timeline.TimelineMember;
import io.circles.feed.timeline.Timelines;
import io.circles.test.PlatformTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Fan-out to a big audience on the real Redis. It calls the fan-out directly: the tests' small large-community
 * threshold would read-merge a community this size, and the shared test infrastructure allows one profile only.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class FanOutScaleIT {

    private static final int MEMBERS = 5000;

    @Inject
    Timelines timelines;

    @Inject
    RedisDataSource redis;

    @Test
    void aFanOutReachesEveryActiveUserOfABigAudienceAndSkipsDormantOnes() {
        List<String> active = new ArrayList<>();
        List<String> everyone = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            String user = "scale-" + UUID.randomUUID();
            everyone.add(user);
            if (i % 5 != 0) {
                active.add(user);
                redis.value(String.class).setex(FeedKeys.seen(user), 3600, "1");
            }
        }
        String item = UUID.randomUUID().toString();
        String member = TimelineMember.of(item);

        long start = System.nanoTime();
        timelines.fanOut(everyone, item, 1_795_517_745_465.0).await().indefinitely();
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("fan-out of one item to " + MEMBERS + " users (" + active.size() + " active): "
                + millis + " ms");

        long reached = everyone.stream()
                .filter(user -> FanOutIT.stored(redis, user).contains(member))
                .count();
        assertEquals(active.size(), reached);
        assertEquals(1_795_517_745_465.0,
                redis.sortedSet(String.class).zscore(FeedKeys.inbox(active.get(0)), member).getAsDouble());
        // A redelivery writes nothing new.
        timelines.fanOut(everyone, item, 1_795_517_745_465.0).await().indefinitely();
        assertEquals(List.of(member), FanOutIT.stored(redis, active.get(active.size() - 1)));
    }
}
