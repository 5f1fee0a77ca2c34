package io.circles.feed;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.community.MemberJoined;
import io.circles.events.post.PostPublished;
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
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(stream.toString()))
                .header("Authorization", "Bearer " + Tokens.forUser(member))
                .header("Accept", "text/event-stream").GET().build();
        CompletableFuture<HttpResponse<Stream<String>>> response =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        // The stream subscribes to the member's channels once connected.
        Thread.sleep(1500);

        String post = UUID.randomUUID().toString();
        long sent = System.nanoTime();
        events.publish(post(post, community, member));
        HttpResponse<Stream<String>> open = response.get(10, TimeUnit.SECONDS);
        try (Stream<String> lines = open.body()) {
            CompletableFuture<Boolean> received = CompletableFuture.supplyAsync(() -> lines
                    .anyMatch(line -> line.startsWith("data:") && line.contains(post)));
            assertTrue(received.get(5, TimeUnit.SECONDS));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        System.out.println("SSE delivery after publish to Kafka: " + millis + " ms");
        assertTrue(millis < 5000, "delivered in " + millis + " ms");

        // The client went away: the stream ends (at the latest when the next item cannot be written) and its Redis
        // subscription with it.
        events.publish(post(UUID.randomUUID().toString(), community, member));
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.execute("PUBSUB", "NUMSUB", FeedKeys.live(member))
                .get(1).toInteger() == 0);
    }

    private void awaitMembers(String community, int count) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> redis.set(String.class).scard(FeedKeys.members(community)) == count);
    }

    private static PostPublished post(String id, String community, String author) {
        return new PostPublished(id, community, "Live", "PUBLIC", List.of(), "Oslo", author, "live!", List.of(),
                Instant.now());
    }
}
