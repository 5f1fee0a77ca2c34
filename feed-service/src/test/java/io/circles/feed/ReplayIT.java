package io.circles.feed;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.IntegrationEvent;
import io.circles.events.Venue;
import io.circles.events.activity.ActivityScheduled;
import io.circles.events.community.CommunityCreated;
import io.circles.events.community.MemberBanned;
import io.circles.events.community.MemberJoined;
import io.circles.events.community.MemberLeft;
import io.circles.events.content.MerchantPostPublished;
import io.circles.events.content.MerchantPostRemoved;
import io.circles.events.merchant.MerchantFollowed;
import io.circles.events.post.PostPublished;
import io.circles.events.post.PostRemoved;
import io.circles.events.post.PostUpdated;
import io.circles.feed.membership.FeedKeys;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class ReplayIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ObjectMapper json;

    @Inject
    RedisDataSource redis;

    @Test
    void replayingEveryEventTwiceLeavesEveryTimelineIdentical() {
        Published events = new Published(json);
        String community = UUID.randomUUID().toString();
        String merchant = UUID.randomUUID().toString();
        String activity = UUID.randomUUID().toString();
        String ann = Tokens.newUserId("ann");
        String ben = Tokens.newUserId("ben");
        String cat = Tokens.newUserId("cat");
        String dan = Tokens.newUserId("dan");
        List<String> users = List.of(ann, ben, cat, dan);
        Instant t = Instant.now().minusSeconds(600);
        String p1 = UUID.randomUUID().toString();
        String p2 = UUID.randomUUID().toString();
        String p3 = UUID.randomUUID().toString();
        String m1 = UUID.randomUUID().toString();
        String m2 = UUID.randomUUID().toString();

        List<IntegrationEvent> history = List.of(
                new CommunityCreated(community, "Replay", "", List.of("books"), "Rome", 0, 0, "PUBLIC", ann, t),
                new MemberJoined(community, ann, "OWNER", t),
                new MemberJoined(community, ben, "MEMBER", t),
                new MemberJoined(community, cat, "MEMBER", t),
                post(p1, community, ann, t.plusSeconds(1)),
                post(p2, community, ben, t.plusSeconds(2)),
                post(p3, community, cat, t.plusSeconds(3)),
                new PostUpdated(p2, community, "edited", List.of(), t.plusSeconds(4)),
                new PostRemoved(p3, community, "spam", ann, t.plusSeconds(5)),
                new MemberLeft(community, cat, t.plusSeconds(6)),
                new MemberJoined(community, dan, "MEMBER", t.plusSeconds(7)),
                new MemberBanned(community, ben, ann, "rude", t.plusSeconds(8)),
                new ActivityScheduled(activity, community, ann, "Reading", "bring a book", t.plusSeconds(9000),
                        t.plusSeconds(12000), new Venue("Library", "Via 1", 41.9, 12.5), 20, t.plusSeconds(9)),
                new MerchantFollowed(merchant, ann, t.plusSeconds(10)),
                new MerchantFollowed(merchant, cat, t.plusSeconds(10)),
                new MerchantPostPublished(m1, merchant, "Books&Co", "owner", "sale", List.of(), t.plusSeconds(11)),
                new MerchantPostPublished(m2, merchant, "Books&Co", "owner", "new", List.of(), t.plusSeconds(12)),
                new MerchantPostRemoved(m1, merchant, "owner", t.plusSeconds(13)));
        List<String> ids = new ArrayList<>();
        for (IntegrationEvent event : history) {
            ids.add(events.publish(event));
        }
        drain(events, community, merchant, activity);
        Map<String, Object> first = snapshot(users);
        assertEquals(List.of(activity, p2, p1), FanOutIT.homeIds(dan));
        assertEquals(List.of(m2), FanOutIT.homeIds(cat));
        assertEquals(List.of(), FanOutIT.homeIds(ben));

        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < history.size(); i++) {
                events.publish(ids.get(i), history.get(i));
            }
        }
        drain(events, community, merchant, activity);
        assertEquals(first, snapshot(users));
    }

    /**
     * Waits until everything published so far is consumed: a sentinel on each topic, on the partition of the keys
     * the test used, is processed only after everything before it.
     */
    private void drain(Published events, String community, String merchant, String activity) {
        String sentinelCommunity = UUID.randomUUID().toString();
        String sentinelMerchant = UUID.randomUUID().toString();
        String sentinelUser = Tokens.newUserId("sentinel");
        String post = UUID.randomUUID().toString();
        String merchantPost = UUID.randomUUID().toString();
        String sentinelActivity = UUID.randomUUID().toString();
        Instant now = Instant.now();
        events.publish(UUID.randomUUID().toString(),
                new MemberJoined(sentinelCommunity, sentinelUser, "MEMBER", now), community);
        events.publish(UUID.randomUUID().toString(), post(post, sentinelCommunity, sentinelUser, now), community);
        events.publish(UUID.randomUUID().toString(), new ActivityScheduled(sentinelActivity, sentinelCommunity,
                sentinelUser, "x", "x", now, now, new Venue("v", "a", 0, 0), 1, now), activity);
        events.publish(UUID.randomUUID().toString(),
                new MerchantFollowed(sentinelMerchant, sentinelUser, now), merchant);
        events.publish(UUID.randomUUID().toString(), new MerchantPostPublished(merchantPost, sentinelMerchant, "s",
                "s", "s", List.of(), now), merchant);
        await().atMost(WAIT).until(() -> FanOutIT.homeIds(sentinelUser).size() == 3);
    }

    private Map<String, Object> snapshot(List<String> users) {
        Map<String, Object> state = new LinkedHashMap<>();
        for (String user : users) {
            state.put(user + " feed", FanOutIT.home(user, 100).asString());
            // The entries of the timeline and the inbox together: a replay may add an entry to the inbox again that
            // a merge has moved to the timeline (the inbox does not look, see Timelines); what counts is what the two
            // hold, each entry with its score.
            Map<String, Double> entries = new TreeMap<>();
            for (String key : List.of(FeedKeys.timeline(user), FeedKeys.inbox(user))) {
                redis.sortedSet(String.class).zrangeWithScores(key, 0, -1)
                        .forEach(entry -> entries.put(entry.value(), entry.score()));
            }
            state.put(user + " timeline", entries.toString());
        }
        return state;
    }

    private static PostPublished post(String id, String community, String author, Instant at) {
        return new PostPublished(id, community, "Replay", "PUBLIC", List.of("books"), "Rome", author, "text " + id,
                List.of(), at);
    }
}
