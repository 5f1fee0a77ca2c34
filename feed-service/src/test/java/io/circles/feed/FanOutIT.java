package io.circles.feed;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.Media;
import io.circles.events.community.CommunityCreated;
import io.circles.events.community.MemberJoined;
import io.circles.events.community.MemberLeft;
import io.circles.events.post.PostPublished;
import io.circles.events.post.PostRemoved;
import io.circles.events.post.PostUpdated;
import io.circles.feed.membership.FeedKeys;
import io.circles.feed.timeline.TimelineMember;
import io.circles.feed.timeline.Timelines;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class FanOutIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    ObjectMapper json;

    @Inject
    RedisDataSource redis;

    @Inject
    Timelines timelines;

    private Published events;

    @BeforeEach
    void setUp() {
        events = new Published(json);
    }

    @Test
    void aPostIsFannedOutToEveryMemberAndToNobodyElse() {
        String community = newCommunity("PUBLIC");
        String alice = Tokens.newUserId("alice");
        String bob = Tokens.newUserId("bob");
        String outsider = Tokens.newUserId("outsider");
        join(community, alice);
        join(community, bob);
        awaitMembers(community, 2);

        String post = publishPost(community, alice, "hello circle", Instant.now());

        await().atMost(WAIT).until(() -> homeIds(bob).contains(post));
        assertTrue(homeIds(alice).contains(post));
        assertFalse(homeIds(outsider).contains(post));
        JsonPath item = home(bob, 20).jsonPath();
        assertEquals("COMMUNITY_POST", item.getString("items[0].kind"));
        assertEquals(false, item.getBoolean("items[0].sponsored"));
        assertEquals(alice, item.getString("items[0].author"));
        assertEquals(community, item.getString("items[0].community.id"));
        assertEquals("hello circle", item.getString("items[0].text"));
        assertEquals("https://cdn.example/1.jpg", item.getString("items[0].media[0].url"));
        // a post can be read (from its community's timeline) before its fan-out has written the member's inbox
        await().atMost(WAIT).until(() -> stored(redis, bob).size() == 1);
    }

    @Test
    void aFanOutReachesEveryActiveUserOfAManyAndAnnouncesOnEachStreamingUsersOwnChannel() {
        // More users than one fan-out script call serves on one Redis (each call carries many users' keys and
        // channels), active and dormant ones mixed, some with a stream open. Tests read-merge communities of more
        // than five, so the fan-out is called directly.
        List<String> users = new ArrayList<>();
        List<String> active = new ArrayList<>();
        List<String> dormant = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            String user = Tokens.newUserId("member" + i);
            users.add(user);
            (i % 3 == 0 ? dormant : active).add(user);
        }
        active.forEach(FanOutIT::homeIds);
        List<String> streaming = List.of(active.get(3), active.get(20), active.get(31), active.get(40), active.get(44));
        List<String> quiet = List.of(active.get(0), active.get(21), active.get(30), active.get(41), active.get(45));
        streaming.forEach(user -> redis.value(String.class).setex(FeedKeys.streaming(user), 60, "1"));
        Map<String, List<String>> heard = new ConcurrentHashMap<>();
        List<PubSubCommands.RedisSubscriber> subscribers = new ArrayList<>();
        for (String user : List.of(streaming, quiet).stream().flatMap(List::stream).toList()) {
            heard.put(user, new CopyOnWriteArrayList<>());
            subscribers.add(redis.pubsub(String.class).subscribe(FeedKeys.live(user), heard.get(user)::add));
        }
        try {
            String item = UUID.randomUUID().toString();
            String member = TimelineMember.of(item);
            timelines.fanOut(users, item, Instant.now().toEpochMilli()).await().atMost(WAIT);

            for (String user : active) {
                assertEquals(List.of(member), stored(redis, user), "fanned out to active " + user);
            }
            for (String user : dormant) {
                assertEquals(List.of(), stored(redis, user), "no write for dormant " + user);
            }
            await().atMost(WAIT).until(() -> streaming.stream().allMatch(user -> !heard.get(user).isEmpty()));
            for (String user : streaming) {
                assertEquals(List.of(member), heard.get(user), "announced once, on " + user + "'s own channel");
            }
            for (String user : quiet) {
                assertEquals(List.of(), heard.get(user), "nothing announced to " + user + ", who has no stream");
            }
        } finally {
            subscribers.forEach(PubSubCommands.RedisSubscriber::unsubscribe);
        }
    }

    @Test
    void aFanOutStillLandsAfterRedisLostItsScripts() {
        // fan-out calls its script by SHA-1; a Redis without it (restart, failover, flush) is sent the text again
        String community = newCommunity("PUBLIC");
        String carol = Tokens.newUserId("carol");
        join(community, carol);
        awaitMembers(community, 1);
        redis.execute("SCRIPT", "FLUSH");

        String post = publishPost(community, carol, "after a flush", Instant.now());

        await().atMost(WAIT).until(() -> homeIds(carol).contains(post));
        await().atMost(WAIT).until(() -> stored(redis, carol).size() == 1);
    }

    @Test
    void joiningBackfillsRecentItemsAndLeavingRemovesThem() {
        String community = newCommunity("PUBLIC");
        String author = Tokens.newUserId("author");
        join(community, author);
        awaitMembers(community, 1);
        String first = publishPost(community, author, "one", Instant.now().minusSeconds(60));
        String second = publishPost(community, author, "two", Instant.now().minusSeconds(30));
        await().atMost(WAIT).until(() -> homeIds(author).containsAll(List.of(first, second)));

        String newcomer = Tokens.newUserId("newcomer");
        join(community, newcomer);
        await().atMost(WAIT).until(() -> homeIds(newcomer).equals(List.of(second, first)));

        events.publish(new MemberLeft(community, newcomer, Instant.now()));
        await().atMost(WAIT).until(() -> homeIds(newcomer).isEmpty());
        assertEquals(0, stored(redis, newcomer).size());
        assertEquals(List.of(second, first), homeIds(author));
    }

    @Test
    void aJoinCopiesRecentItemsForAnActiveUserAndLeavesAnAwayUsersTimelineToTheirNextVisit() {
        String community = newCommunity("PUBLIC");
        String author = Tokens.newUserId("author");
        join(community, author);
        awaitMembers(community, 1);
        String post = publishPost(community, author, "one", Instant.now().minusSeconds(60));
        await().atMost(WAIT).until(() -> homeIds(author).contains(post));

        String away = Tokens.newUserId("away");
        String active = Tokens.newUserId("active");
        assertEquals(List.of(), homeIds(active)); // opening the app makes them active
        join(community, away);
        join(community, active);
        // Both joins share the community's partition, so once the later one has copied the post the earlier one
        // has been applied in full: the away user's timeline was left as it was.
        await().atMost(WAIT).until(() -> stored(redis, active).size() == 1);
        assertEquals(0, stored(redis, away).size());
        assertEquals(List.of(post), homeIds(away)); // their first visit refills it
        assertEquals(List.of(post), homeIds(active));
    }

    @Test
    void anEditChangesTheCardEverywhereAndARemovalTakesItOutOfEveryFeed() {
        String community = newCommunity("PUBLIC");
        String alice = Tokens.newUserId("alice");
        String bob = Tokens.newUserId("bob");
        join(community, alice);
        join(community, bob);
        awaitMembers(community, 2);
        String post = publishPost(community, alice, "first draft", Instant.now());
        String kept = publishPost(community, alice, "kept", Instant.now().minusSeconds(5));
        await().atMost(WAIT).until(() -> homeIds(bob).contains(post) && homeIds(alice).contains(post));

        events.publish(new PostUpdated(post, community, "final text", List.of(), Instant.now()));
        await().atMost(WAIT).until(() -> "final text".equals(home(bob, 20).jsonPath().getString("items[0].text")));
        assertEquals("final text", home(alice, 20).jsonPath().getString("items[0].text"));

        events.publish(new PostRemoved(post, community, "spam", alice, Instant.now()));
        await().atMost(WAIT).until(() -> !homeIds(bob).contains(post));
        assertEquals(List.of(kept), homeIds(alice));
        assertEquals(List.of(kept), communityIds(alice, community));
        await().atMost(WAIT).until(() -> !stored(redis, bob).contains(TimelineMember.of(post)));

        // A replayed publish after the removal does not bring the post back.
        events.publish(new PostPublished(post, community, "Circle", "PUBLIC", List.of(), "Paris", alice,
                "first draft", List.of(), Instant.now()));
        String marker = publishPost(community, alice, "marker", Instant.now().minusSeconds(10));
        await().atMost(WAIT).until(() -> homeIds(bob).contains(marker));
        assertFalse(homeIds(bob).contains(post));
    }

    @Test
    void aFullInboxIsMergedIntoTheTimelineAndPagesReadBothInOrder() {
        String community = newCommunity("PUBLIC");
        String reader = Tokens.newUserId("reader");
        join(community, reader);
        awaitMembers(community, 1);
        homeIds(reader);
        Instant now = Instant.now();
        // The tests' inbox holds 4: the fifth post merges the inbox into the timeline, so do the tenth, and the last
        // four stay in the inbox, two of them older than everything in the timeline.
        int[] minutesAgo = {30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 10, 40, 5, 35};
        Map<Integer, String> byAge = new TreeMap<>();
        for (int minutes : minutesAgo) {
            byAge.put(minutes, publishPost(community, reader, "at -" + minutes, now.minus(minutes, ChronoUnit.MINUTES)));
        }
        await().atMost(WAIT).until(() -> stored(redis, reader).size() == minutesAgo.length);
        assertEquals(10, redis.sortedSet(String.class).zcard(FeedKeys.timeline(reader)), "merged twice");
        assertEquals(4, redis.sortedSet(String.class).zcard(FeedKeys.inbox(reader)));

        List<String> expected = List.copyOf(byAge.values());
        assertEquals(expected, homeIds(reader), "one page");
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            Response page = given().auth().oauth2(Tokens.forUser(reader))
                    .get("/api/feeds/me?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .then().statusCode(200).extract().response();
            paged.addAll(page.jsonPath().getList("items.id", String.class));
            cursor = page.jsonPath().getString("nextCursor");
        } while (cursor != null);
        assertEquals(expected, paged, "pages of two");
    }

    @Test
    void aLatePostIsPlacedByItsPublishTimeNotAtTheTop() {
        String community = newCommunity("PUBLIC");
        String reader = Tokens.newUserId("reader");
        join(community, reader);
        awaitMembers(community, 1);
        Instant now = Instant.now();
        String newest = publishPost(community, reader, "newest", now);
        String older = publishPost(community, reader, "older", now.minus(2, ChronoUnit.HOURS));
        await().atMost(WAIT).until(() -> homeIds(reader).size() == 2);

        String late = publishPost(community, reader, "late", now.minus(1, ChronoUnit.HOURS));

        await().atMost(WAIT).until(() -> homeIds(reader).size() == 3);
        assertEquals(List.of(newest, late, older), homeIds(reader));
    }

    @Test
    void aCommunityOverTheThresholdIsMergedOnReadNotFannedOut() {
        String community = newCommunity("PUBLIC");
        String small = newCommunity("PUBLIC");
        String reader = Tokens.newUserId("reader");
        join(community, reader);
        join(small, reader);
        for (int i = 0; i < 6; i++) {
            join(community, Tokens.newUserId("crowd"));
        }
        awaitMembers(community, 7);
        awaitMembers(small, 1);
        homeIds(reader);
        Instant now = Instant.now();
        String big = publishPost(community, reader, "to the crowd", now);
        String own = publishPost(small, reader, "to the few", now.minusSeconds(1));

        await().atMost(WAIT).until(() -> homeIds(reader).equals(List.of(big, own)));
        await().atMost(WAIT).until(() -> stored(redis, reader).contains(TimelineMember.of(own)));
        List<String> timeline = stored(redis, reader);
        assertEquals(List.of(TimelineMember.of(own)), timeline,
                "the large community's post is read-merged, not fanned out");

        String newcomer = Tokens.newUserId("newcomer");
        join(community, newcomer);
        await().atMost(WAIT).until(() -> homeIds(newcomer).equals(List.of(big)));
        events.publish(new MemberLeft(community, newcomer, Instant.now()));
        await().atMost(WAIT).until(() -> homeIds(newcomer).isEmpty());
    }

    @Test
    void inactiveMembersAreSkippedByFanOutAndRefilledOnTheirNextVisit() {
        String community = newCommunity("PUBLIC");
        String active = Tokens.newUserId("active");
        String dormant = Tokens.newUserId("dormant");
        join(community, active);
        join(community, dormant);
        awaitMembers(community, 2);
        homeIds(active);

        String first = publishPost(community, active, "while dormant sleeps", Instant.now().minusSeconds(5));
        await().atMost(WAIT).until(() -> homeIds(active).contains(first));
        assertEquals(0, stored(redis, dormant).size(), "no write for a dormant user");

        assertEquals(List.of(first), homeIds(dormant), "the first visit refills the timeline");
        String second = publishPost(community, active, "now awake", Instant.now());
        await().atMost(WAIT).until(() -> homeIds(dormant).equals(List.of(second, first)));
        await().atMost(WAIT).until(() -> stored(redis, dormant).size() == 2);
    }

    @Test
    void aPrivateCommunityFeedIsForbiddenToOutsiders() {
        String community = newCommunity("PRIVATE");
        String member = Tokens.newUserId("member");
        String outsider = Tokens.newUserId("outsider");
        join(community, member);
        awaitMembers(community, 1);
        String post = publishPost(community, member, "members only", Instant.now());
        await().atMost(WAIT).until(() -> communityIds(member, community).contains(post));

        given().auth().oauth2(Tokens.forUser(outsider)).get("/api/feeds/communities/" + community)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.forUser(outsider)).get("/api/feeds/communities/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        assertFalse(homeIds(outsider).contains(post));
    }

    @Test
    void theHomeFeedIsOnlyEverTheCallersOwn() {
        String community = newCommunity("PUBLIC");
        String other = newCommunity("PUBLIC");
        String alice = Tokens.newUserId("alice");
        String bob = Tokens.newUserId("bob");
        join(community, alice);
        join(other, bob);
        awaitMembers(community, 1);
        awaitMembers(other, 1);
        String alicesPost = publishPost(community, alice, "for alice", Instant.now());
        String bobsPost = publishPost(other, bob, "for bob", Instant.now());
        await().atMost(WAIT).until(() -> homeIds(alice).contains(alicesPost) && homeIds(bob).contains(bobsPost));

        assertEquals(List.of(alicesPost), homeIds(alice));
        assertEquals(List.of(bobsPost), homeIds(bob));
        // Query parameters naming someone else change nothing: the token decides.
        assertEquals(List.of(alicesPost), given().auth().oauth2(Tokens.forUser(alice))
                .get("/api/feeds/me?userId=" + bob + "&user=" + bob).then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class));
        given().get("/api/feeds/me").then().statusCode(401);
    }

    @Test
    void anOutOfRangeLimitOrAForeignCursorIsABadRequest() {
        String user = Tokens.newUserId("user");
        for (String query : List.of("limit=0", "limit=101", "limit=abc", "cursor=%%%", "cursor=bm9wZQ")) {
            given().auth().oauth2(Tokens.forUser(user)).get("/api/feeds/me?" + query)
                    .then().statusCode(400).contentType("application/problem+json");
        }
    }

    String newCommunity(String visibility) {
        String community = UUID.randomUUID().toString();
        events.publish(new CommunityCreated(community, "Circle " + community.substring(0, 4), "about",
                List.of("coffee"), "Paris", 48.8, 2.3, visibility, "owner", Instant.now()));
        return community;
    }

    void join(String community, String user) {
        events.publish(new MemberJoined(community, user, "MEMBER", Instant.now()));
    }

    void awaitMembers(String community, int count) {
        await().atMost(WAIT).until(() -> redis.set(String.class).scard(FeedKeys.members(community)) == count);
    }

    String publishPost(String community, String author, String text, Instant at) {
        String post = UUID.randomUUID().toString();
        events.publish(new PostPublished(post, community, "Circle", "PUBLIC", List.of("coffee"), "Paris", author,
                text, List.of(new Media("IMAGE", "https://cdn.example/1.jpg", 800, 600, null, null)), at));
        return post;
    }

    static Response home(String user, int limit) {
        return given().auth().oauth2(Tokens.forUser(user)).get("/api/feeds/me?limit=" + limit)
                .then().statusCode(200).extract().response();
    }

    /** What fan-out and refills wrote for a user: their timeline's entries, then their inbox's (not merged yet). */
    static List<String> stored(RedisDataSource redis, String user) {
        List<String> entries = new ArrayList<>(redis.sortedSet(String.class).zrange(FeedKeys.timeline(user), 0, -1));
        entries.addAll(redis.sortedSet(String.class).zrange(FeedKeys.inbox(user), 0, -1));
        return entries;
    }

    static List<String> homeIds(String user) {
        return home(user, 100).jsonPath().getList("items.id", String.class);
    }

    static List<String> communityIds(String user, String community) {
        return given().auth().oauth2(Tokens.forUser(user)).get("/api/feeds/communities/" + community)
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
    }
}
