package io.circles.feed;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.community.MemberJoined;
import io.circles.events.post.PostPublished;
import io.circles.feed.live.LiveFeed;
import io.circles.feed.membership.FeedKeys;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class LiveStreamIT {

    @Inject
    ObjectMapper json;

    @Inject
    RedisDataSource redis;

    @Inject
    LiveFeed live;

    @TestHTTPResource("/api/feeds/me/stream")
    URL stream;

    @Test
    void aConnectedMemberReceivesANewPostWithinSeconds() throws Exception {
        Published events = new Published(json);
        String community = UUID.randomUUID().toString();
        String member = Tokens.newUserId("member");
        events.publish(new MemberJoined(community, member, "MEMBER", Instant.now()));
        awaitMembers(community, 1);

        assertStreamed(member, events, community);
    }

    @Test
    void aMemberOfACommunityOverTheThresholdIsStreamedItsPostsToo() throws Exception {
        Published events = new Published(json);
        String community = UUID.randomUUID().toString();
        String member = Tokens.newUserId("member");
        events.publish(new MemberJoined(community, member, "MEMBER", Instant.now()));
        for (int i = 0; i < 6; i++) {
            events.publish(new MemberJoined(community, Tokens.newUserId("crowd"), "MEMBER", Instant.now()));
        }
        awaitMembers(community, 7);
        // The first post makes the community large; streams opened afterwards follow its channel.
        events.publish(post(UUID.randomUUID().toString(), community, member));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> redis.set(String.class).sismember(FeedKeys.LARGE_COMMUNITIES, community));

        assertStreamed(member, events, community);
    }

    private void assertStreamed(String member, Published events, String community) throws Exception {
        // A raw connection, so "the client goes away" below is a real TCP close, as when an app is killed.
        try (LiveStream in = LiveStream.open(stream, member)) {
            // The stream subscribes to the member's channels once connected.
            await().atMost(Duration.ofSeconds(10)).until(() -> live.listeners(FeedKeys.live(member)) == 1);

            String post = UUID.randomUUID().toString();
            events.publish(post(post, community, member));
            String line;
            do {
                line = in.readLine();
            } while (line != null && !(line.startsWith("data:") && line.contains(post)));
            // Arrival is the claim; how fast is a bench figure (docs/benchmarks.md, freshness on SSE).
            assertTrue(line != null, "the stream ended before the post arrived");
        }

        // The client went away: the stream ends (at the latest when an item cannot be written) and leaves the
        // registry. Items keep landing meanwhile, as they would for a real member.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            events.publish(post(UUID.randomUUID().toString(), community, member));
            return live.listeners(FeedKeys.live(member)) == 0;
        });
    }

    private void awaitMembers(String community, int count) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> redis.set(String.class).scard(FeedKeys.members(community)) == count);
    }

    /** A public community's post, as community-service publishes it (shared with LiveAnnouncementIT). */
    static PostPublished post(String id, String community, String author) {
        return new PostPublished(id, community, "Live", "PUBLIC", List.of(), "Oslo", author, "live!", List.of(),
                Instant.now());
    }
}
