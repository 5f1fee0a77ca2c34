package io.circles.feed;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.Venue;
import io.circles.events.activity.ActivityCancelled;
import io.circles.events.activity.ActivityScheduled;
import io.circles.events.activity.RsvpChanged;
import io.circles.events.community.CommunityCreated;
import io.circles.events.community.CommunityUpdated;
import io.circles.events.people.PersonBlocked;
import io.circles.events.post.CommentAdded;
import io.circles.events.post.PostPublished;
import io.circles.events.post.PostReacted;
import io.circles.events.post.PostRemoved;
import io.circles.feed.membership.FeedKeys;
import io.circles.feed.read.Position;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The explore feed as a reader sees it: trending public items, ranked by engagement, filtered by city and interest.
 * Explore is global (every test's items are candidates), so each test places its communities in a city of its own.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class ExploreIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Venue VENUE = new Venue("Cafe", "1 rue de Rivoli", 48.85, 2.35);

    @Inject
    ObjectMapper json;

    @Inject
    RedisDataSource redis;

    @Test
    void aLikedAndCommentedPostRanksAboveANewerUntouchedOneAndAnActivityWithPeopleGoingAboveBoth() {
        Published events = new Published(json);
        String city = newCity();
        String community = publicCommunity(events, city, "running");
        String reader = Tokens.newUserId("reader");
        String author = Tokens.newUserId("author");
        String older = post(events, community, city, author, Instant.now().minusSeconds(1800));
        String newer = post(events, community, city, author, Instant.now().minusSeconds(600));
        await().atMost(WAIT).until(() -> ids(explore(reader, "?city=" + city)).equals(List.of(newer, older)));

        events.publish(new PostReacted(older, community, Tokens.newUserId("fan"), "LIKE", true, 5, Instant.now()));
        events.publish(new CommentAdded(UUID.randomUUID().toString(), older, community, Tokens.newUserId("fan"),
                "nice", 2, Instant.now()));
        await().atMost(WAIT).until(() -> ids(explore(reader, "?city=" + city)).equals(List.of(older, newer)));

        String activity = UUID.randomUUID().toString();
        Instant starts = Instant.now().plusSeconds(86_400);
        events.publish(new ActivityScheduled(activity, community, author, "Run", "around the lake", starts,
                starts.plusSeconds(3600), VENUE, 20, Instant.now().minusSeconds(3600)));
        await().atMost(WAIT).until(() -> ids(explore(reader, "?city=" + city)).equals(List.of(older, newer,
                activity)));
        events.publish(new RsvpChanged(activity, community, Tokens.newUserId("runner"), "GOING", 0, null, 6,
                Instant.now()));
        await().atMost(WAIT).until(() -> ids(explore(reader, "?city=" + city)).equals(List.of(activity, older,
                newer)));
        JsonPath page = explore(reader, "?city=" + city);
        assertEquals("ACTIVITY", page.getString("items[0].kind"));
        assertEquals("Run", page.getString("items[0].activity.title"));
        assertEquals("COMMUNITY_POST", page.getString("items[1].kind"));
        assertEquals(author, page.getString("items[1].authorProfile.id"), "items carry their author's profile");
        assertEquals(community, page.getString("items[1].community.id"));

        events.publish(new ActivityCancelled(activity, community, author, Instant.now()));
        await().atMost(WAIT).until(() -> ids(explore(reader, "?city=" + city)).equals(List.of(older, newer)));
    }

    @Test
    void aPrivateCommunitysPostNeverAppearsAndAPublicOneTurnedPrivateLeaves() {
        Published events = new Published(json);
        String city = newCity();
        String reader = Tokens.newUserId("reader");
        String secret = UUID.randomUUID().toString();
        events.publish(new CommunityCreated(secret, "Secret", "", List.of("chess"), city, 0, 0, "PRIVATE",
                Tokens.newUserId("owner"), Instant.now()));
        String hidden = UUID.randomUUID().toString();
        events.publish(new PostPublished(hidden, secret, "Secret", "PRIVATE", List.of("chess"), city,
                Tokens.newUserId("author"), "members only", List.of(), Instant.now()));
        String community = publicCommunity(events, city, "chess");
        String shown = post(events, community, city, Tokens.newUserId("author"), Instant.now().minusSeconds(60));
        // the private post is stored (its card is written before explore hears of it), and stays out of explore
        await().atMost(WAIT).until(() -> redis.value(String.class).get(FeedKeys.card(hidden)) != null);
        await().atMost(WAIT).until(() -> ids(explore(reader, "?city=" + city)).equals(List.of(shown)));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> ids(explore(reader, "?city=" + city)).equals(List.of(shown)));
        assertTrue(redis.sortedSet(String.class).zscore(FeedKeys.EXPLORE_CANDIDATES, hidden).isEmpty());

        events.publish(new CommunityUpdated(community, "Now private", "", List.of("chess"), city, 0, 0, "PRIVATE",
                Tokens.newUserId("owner"), Instant.now()));
        await().atMost(WAIT).until(() -> ids(explore(reader, "?city=" + city)).isEmpty());
        events.publish(new CommunityUpdated(community, "Public again", "", List.of("chess"), city, 0, 0, "PUBLIC",
                Tokens.newUserId("owner"), Instant.now()));
        await().atMost(WAIT).until(() -> ids(explore(reader, "?city=" + city)).equals(List.of(shown)));
    }

    @Test
    void aRemovedPostLeaves() {
        Published events = new Published(json);
        String city = newCity();
        String reader = Tokens.newUserId("reader");
        String community = publicCommunity(events, city, "books");
        String kept = post(events, community, city, Tokens.newUserId("author"), Instant.now().minusSeconds(120));
        String removed = post(events, community, city, Tokens.newUserId("author"), Instant.now().minusSeconds(60));
        await().atMost(WAIT).until(() -> ids(explore(reader, "?city=" + city)).size() == 2);

        events.publish(new PostRemoved(removed, community, "spam", Tokens.newUserId("moderator"), Instant.now()));

        await().atMost(WAIT).until(() -> ids(explore(reader, "?city=" + city)).equals(List.of(kept)));
        assertTrue(redis.sortedSet(String.class).zscore(FeedKeys.EXPLORE_CANDIDATES, removed).isEmpty());
    }

    @Test
    void aBlockedAuthorsPostIsAbsentForTheBlockerAndPresentForOthers() {
        Published events = new Published(json);
        String city = newCity();
        String blocker = Tokens.newUserId("blocker");
        String other = Tokens.newUserId("other");
        String troll = Tokens.newUserId("troll");
        String community = publicCommunity(events, city, "cycling");
        String trollPost = post(events, community, city, troll, Instant.now().minusSeconds(60));
        String fine = post(events, community, city, Tokens.newUserId("author"), Instant.now().minusSeconds(120));
        await().atMost(WAIT).until(() -> ids(explore(blocker, "?city=" + city)).equals(List.of(trollPost, fine)));

        events.publish(new PersonBlocked(blocker, troll));

        await().atMost(WAIT).until(() -> ids(explore(blocker, "?city=" + city)).equals(List.of(fine)));
        assertEquals(List.of(trollPost, fine), ids(explore(other, "?city=" + city)));
    }

    @Test
    void cityAndInterestFilterWhateverTheirCase() {
        Published events = new Published(json);
        String city = newCity();
        String otherCity = newCity();
        String interest = "interest-" + UUID.randomUUID();
        String reader = Tokens.newUserId("reader");
        String here = publicCommunity(events, city, interest);
        String elsewhere = publicCommunity(events, otherCity, interest);
        String otherInterest = publicCommunity(events, city, "knitting");
        String matching = post(events, here, city, Tokens.newUserId("author"), Instant.now().minusSeconds(60));
        String inOtherCity = post(events, elsewhere, otherCity, Tokens.newUserId("author"),
                Instant.now().minusSeconds(60));
        String ofOtherInterest = post(events, otherInterest, city, Tokens.newUserId("author"),
                Instant.now().minusSeconds(60));
        await().atMost(WAIT).until(() -> ids(explore(reader, "?city=" + city)).size() == 2);

        assertEquals(List.of(matching), ids(explore(reader, "?city=" + city.toUpperCase() + "&interest="
                + interest.toUpperCase())));
        assertEquals(List.of(inOtherCity), ids(explore(reader, "?city=" + otherCity)));
        assertEquals(2, ids(explore(reader, "?interest=" + interest)).size());
        assertTrue(ids(explore(reader, "?interest=" + interest)).containsAll(List.of(matching, inOtherCity)));
        assertFalse(ids(explore(reader, "?interest=" + interest)).contains(ofOtherInterest));
        assertTrue(ids(explore(reader, "?city=" + city)).containsAll(List.of(matching, ofOtherInterest)));
    }

    @Test
    void pagesFollowTheCursorWithoutRepeatsAndEnd() {
        Published events = new Published(json);
        String city = newCity();
        String reader = Tokens.newUserId("reader");
        String community = publicCommunity(events, city, "photography");
        List<String> posts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            posts.add(post(events, community, city, Tokens.newUserId("author"),
                    Instant.now().minusSeconds(600 - i * 60L)));
        }
        await().atMost(WAIT).until(() -> ids(explore(reader, "?city=" + city)).size() == 5);

        JsonPath first = explore(reader, "?city=" + city + "&limit=2");
        assertEquals(List.of(posts.get(4), posts.get(3)), ids(first));
        String cursor = first.getString("nextCursor");
        assertNotNull(cursor);
        JsonPath second = explore(reader, "?city=" + city + "&limit=2&cursor=" + cursor);
        assertEquals(List.of(posts.get(2), posts.get(1)), ids(second));
        JsonPath third = explore(reader, "?city=" + city + "&limit=2&cursor=" + second.getString("nextCursor"));
        assertEquals(List.of(posts.get(0)), ids(third));
        assertNull(third.getString("nextCursor"));

        // the same cursor with a filter that now matches fewer items: past the end, an empty last page
        JsonPath elsewhere = explore(reader, "?city=" + newCity() + "&limit=2&cursor="
                + second.getString("nextCursor"));
        assertEquals(List.of(), ids(elsewhere));
        assertNull(elsewhere.getString("nextCursor"));
    }

    @Test
    void aBadLimitOrAForeignOrTamperedCursorIsABadRequest() {
        String reader = Tokens.newUserId("reader");
        for (String query : List.of("?limit=0", "?limit=101", "?limit=ten", "?cursor=%25%25",
                "?cursor=" + new Position(1_795_517_745_465L, UUID.randomUUID().toString()).encode(),
                "?cursor=ZXhwbG9yZToxMjM6LTE", "?city=" + "x".repeat(101))) {
            Response response = given().auth().oauth2(Tokens.forUser(reader)).get("/api/feeds/explore" + query);
            assertEquals(400, response.statusCode(), query);
            assertTrue(response.contentType().startsWith("application/problem+json"), query);
        }
        given().get("/api/feeds/explore").then().statusCode(401);
    }

    private String publicCommunity(Published events, String city, String interest) {
        String community = UUID.randomUUID().toString();
        events.publish(new CommunityCreated(community, "Explorers", "", List.of(interest), city, 0, 0, "PUBLIC",
                Tokens.newUserId("owner"), Instant.now()));
        // activities take their city from what the feed knows of the community
        await().atMost(WAIT).until(() -> "PUBLIC".equals(redis.hash(String.class)
                .hget(FeedKeys.communityMeta(community), "visibility")));
        return community;
    }

    private String post(Published events, String community, String city, String author, Instant publishedAt) {
        String post = UUID.randomUUID().toString();
        List<String> interests = List.of(redis.hash(String.class).hget(FeedKeys.communityMeta(community),
                "interests").split(","));
        events.publish(new PostPublished(post, community, "Explorers", "PUBLIC", interests, city, author,
                "a post", List.of(), publishedAt));
        return post;
    }

    private static String newCity() {
        return "City-" + UUID.randomUUID();
    }

    private static JsonPath explore(String user, String query) {
        return given().auth().oauth2(Tokens.forUser(user)).get("/api/feeds/explore" + query).then().statusCode(200)
                .extract().jsonPath();
    }

    private static List<String> ids(JsonPath page) {
        return page.getList("items.id", String.class);
    }
}
