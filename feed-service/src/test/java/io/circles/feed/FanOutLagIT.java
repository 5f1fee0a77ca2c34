package io.circles.feed;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.community.MemberJoined;
import io.circles.events.post.PostPublished;
import io.circles.events.post.PostRemoved;
import io.circles.feed.live.LiveFeed;
import io.circles.feed.membership.FeedKeys;
import io.circles.feed.post.PostProjection;
import io.circles.feed.timeline.TimelineMember;
import io.circles.platform.messaging.IncomingEvent;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands.RedisSubscriber;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A post is readable, and streamed, once its card is stored, before the fan-out reaches the members' timelines. The
 * two consumer groups' steps are called directly, one at a time, to hold the fan-out back (both consume the same
 * records from Kafka, at their own pace; the other tests show the result of both).
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class FanOutLagIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    ObjectMapper json;

    @Inject
    RedisDataSource redis;

    @Inject
    PostProjection posts;

    @Inject
    LiveFeed live;

    @TestHTTPResource("/api/feeds/me/stream")
    URL stream;

    @Test
    void aStoredPostIsInTheFeedBeforeItsFanOutAndOnceAfterIt() throws Exception {
        String community = UUID.randomUUID().toString();
        String member = activeMemberOf(community);
        IncomingEvent first = published(community, member, Instant.now().minusSeconds(2));
        IncomingEvent second = published(community, member, Instant.now().minusSeconds(1));

        store(first, 10);
        assertEquals(10.0, marked(community));
        assertEquals(List.of(first.subject()), FanOutIT.homeIds(member), "read from the community's timeline");
        assertFalse(inTimeline(member, first.subject()), "not fanned out yet");

        store(second, 11);
        fanOut(first, 10);
        assertEquals(11.0, marked(community), "a newer post is still to be fanned out");
        assertTrue(inTimeline(member, first.subject()));
        assertFalse(inTimeline(member, second.subject()));
        assertEquals(List.of(second.subject(), first.subject()), FanOutIT.homeIds(member),
                "one entry per post, whichever timeline holds it");

        fanOut(second, 11);
        assertEquals(null, marked(community), "fanned out: the community's timeline is no longer merged");
        assertTrue(inTimeline(member, second.subject()));
        assertEquals(List.of(second.subject(), first.subject()), FanOutIT.homeIds(member));
    }

    @Test
    void aStreamGetsAPostWhenItIsStoredAndNotAgainWhenItIsFannedOut() throws Exception {
        String community = UUID.randomUUID().toString();
        String member = activeMemberOf(community);
        IncomingEvent first = published(community, member, Instant.now().minusSeconds(2));
        IncomingEvent second = published(community, member, Instant.now().minusSeconds(1));

        List<String> announced = new CopyOnWriteArrayList<>();
        RedisSubscriber subscriber = redis.pubsub(String.class).subscribe(FeedKeys.live(member), announced::add);
        try (LiveStream in = LiveStream.open(stream, member)) {
            await().atMost(WAIT).until(() -> live.listeners(FeedKeys.liveCommunity(community)) == 1);

            store(first, 1);
            assertEquals(List.of(first.subject()), streamedUntil(in, first.subject()));

            fanOut(first, 1);
            // the fan-out announced the post again on the member's own channel ...
            await().atMost(WAIT).until(() -> announced.contains(TimelineMember.of(first.subject())));
            store(second, 2);
            // ... and the stream passed on only what it had not passed on before
            assertEquals(List.of(second.subject()), streamedUntil(in, second.subject()));
        } finally {
            subscriber.unsubscribe();
        }
    }

    @Test
    void aMemberWhoJoinsAfterAPostsFanOutFindsItBeforeItsCardIsStoredByTheCardsGroup() {
        String community = UUID.randomUUID().toString();
        String author = activeMemberOf(community);
        IncomingEvent post = published(community, author, Instant.now().minusSeconds(1));
        String newcomer = Tokens.newUserId("newcomer");
        assertEquals(List.of(), FanOutIT.homeIds(newcomer)); // active: a join backfills their timeline

        // the fan-out group gets there first and finds one member; the cards group has not stored the post yet
        fanOut(post, 1);
        assertTrue(inTimeline(author, post.subject()));
        new Published(json).publish(new MemberJoined(community, newcomer, "MEMBER", Instant.now()));
        await().atMost(WAIT).until(() -> redis.set(String.class).sismember(FeedKeys.members(community), newcomer));

        await().atMost(WAIT).until(() -> FanOutIT.homeIds(newcomer).equals(List.of(post.subject())));
    }

    @Test
    void storingAPostMarksItsCommunityAndKeepsTheNameItCarriesUnlessRemovedBefore() throws Exception {
        String community = UUID.randomUUID().toString(); // no community-created event: the feed learns it from posts
        String author = Tokens.newUserId("author");
        IncomingEvent first = published(community, author, Instant.now().minusSeconds(3));
        store(first, 5);
        assertTrue(redis.value(String.class).get(FeedKeys.card(first.subject())) != null, "the card");
        assertTrue(inCommunityTimeline(community, first.subject()));
        assertEquals(5.0, marked(community));
        assertEquals("Lag", redis.hash(String.class).hget(FeedKeys.communityMeta(community), "name"));
        assertEquals("PUBLIC", redis.hash(String.class).hget(FeedKeys.communityMeta(community), "visibility"));

        PostPublished renamed = new PostPublished(UUID.randomUUID().toString(), community, "Renamed", "PRIVATE",
                List.of(), "Oslo", author, "after a rename the feed has not heard of", List.of(),
                Instant.now().minusSeconds(2));
        store(new IncomingEvent(UUID.randomUUID().toString(), PostPublished.TYPE, "/test", renamed.postId(),
                renamed.publishedAt(), community, json.writeValueAsString(renamed)), 6);
        assertEquals(6.0, marked(community));
        assertEquals("Lag", redis.hash(String.class).hget(FeedKeys.communityMeta(community), "name"),
                "a post only fills in what the feed does not know (community events set it)");

        PostRemoved removal = new PostRemoved(first.subject(), community, "spam", author, Instant.now());
        store(new IncomingEvent(UUID.randomUUID().toString(), PostRemoved.TYPE, "/test", first.subject(),
                Instant.now(), community, json.writeValueAsString(removal)), 7);
        store(first, 8); // a replay of the publish after its removal
        assertEquals(null, redis.value(String.class).get(FeedKeys.card(first.subject())), "not brought back");
        assertFalse(inCommunityTimeline(community, first.subject()));
        assertEquals(6.0, marked(community), "a replay of a removed post is nothing to fan out");
    }

    private boolean inCommunityTimeline(String community, String postId) {
        return redis.sortedSet(String.class).zscore(FeedKeys.communityTimeline(community), TimelineMember.of(postId))
                .isPresent();
    }

    /** A member of the community who opened the app (the fan-out writes active members' timelines only). */
    private String activeMemberOf(String community) {
        String member = Tokens.newUserId("member");
        new Published(json).publish(new MemberJoined(community, member, "MEMBER", Instant.now()));
        await().atMost(WAIT).until(() -> redis.set(String.class).sismember(FeedKeys.members(community), member));
        assertEquals(List.of(), FanOutIT.homeIds(member));
        return member;
    }

    private IncomingEvent published(String community, String author, Instant at) {
        PostPublished post = new PostPublished(UUID.randomUUID().toString(), community, "Lag", "PUBLIC", List.of(),
                "Oslo", author, "before the fan-out", List.of(), at);
        try {
            return new IncomingEvent(UUID.randomUUID().toString(), PostPublished.TYPE, "/test", post.postId(), at,
                    community, json.writeValueAsString(post));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cards group's step for one record, at that offset. */
    private void store(IncomingEvent event, long offset) {
        posts.store(event, offset).await().indefinitely();
    }

    /** The fan-out group's step for one record, at that offset. */
    private void fanOut(IncomingEvent event, long offset) {
        posts.fanOut(event, offset).await().indefinitely();
    }

    private Double marked(String community) {
        OptionalDouble offset = redis.sortedSet(String.class).zscore(FeedKeys.FANNING_OUT, community);
        return offset.isPresent() ? offset.getAsDouble() : null;
    }

    private boolean inTimeline(String member, String postId) {
        return FanOutIT.stored(redis, member).contains(TimelineMember.of(postId));
    }

    /** The ids of the items streamed from now until {@code last}, in order. */
    private List<String> streamedUntil(LiveStream in, String last) throws Exception {
        List<String> ids = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("data:")) {
                String id = json.readTree(line.substring("data:".length())).get("id").asText();
                ids.add(id);
                if (id.equals(last)) {
                    return ids;
                }
            }
        }
        throw new AssertionError("the stream ended after " + ids);
    }
}
