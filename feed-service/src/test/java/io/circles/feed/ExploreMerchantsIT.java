package io.circles.feed;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.Venue;
import io.circles.events.activity.ActivityCancelled;
import io.circles.events.activity.ActivityScheduled;
import io.circles.events.community.CommunityCreated;
import io.circles.events.content.MerchantPostPublished;
import io.circles.events.content.MerchantPostRemoved;
import io.circles.events.merchant.MerchantApproved;
import io.circles.events.merchant.MerchantOnboarded;
import io.circles.events.merchant.MerchantSuspended;
import io.circles.events.people.PersonBlocked;
import io.circles.events.post.PostPublished;
import io.circles.events.post.PostReacted;
import io.circles.feed.membership.FeedKeys;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Merchants in explore: their posts and activities are candidates in the merchant's city, ranked among community items,
 * gone while the merchant is suspended, when removed, and for a reader who blocks their author. Explore is global, so
 * each test places its merchants in a city of its own.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class ExploreMerchantsIT {

    /** Setting up: generous, as this may be the first test of a fresh JVM whose consumers are still joining. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** "At once" for a reader: the suspension event is consumed and the next page no longer shows the merchant. */
    private static final Duration AT_ONCE = Duration.ofSeconds(5);
    private static final Venue VENUE = new Venue("Shop floor", "2 rue du Bac", 48.85, 2.32);

    @Inject
    ObjectMapper json;

    @Inject
    RedisDataSource redis;

    @Test
    void aMerchantsPostAndActivityAreInItsCityLeaveWhileItIsSuspendedAndTheActivityWhenCancelled() {
        Published events = new Published(json);
        String city = newCity();
        String reader = Tokens.newUserId("reader");
        String merchant = onboarded(events, city);
        String other = onboarded(events, city);
        String owner = Tokens.newUserId("owner");
        String post = merchantPost(events, merchant, owner, Instant.now().minusSeconds(600));
        String otherPost = merchantPost(events, other, Tokens.newUserId("owner"), Instant.now().minusSeconds(1200));
        String activity = UUID.randomUUID().toString();
        Instant starts = Instant.now().plusSeconds(86_400);
        events.publish(new ActivityScheduled(activity, null, merchant, owner, "Tasting", "new roasts", starts,
                starts.plusSeconds(3600), VENUE, 12, Instant.now().minusSeconds(300)));
        // no engagement: newest first
        await().atMost(WAIT).until(() -> ids(explore(reader, "?city=" + city)).equals(List.of(activity, post,
                otherPost)));
        JsonPath page = explore(reader, "?city=" + city.toUpperCase());
        assertEquals("ACTIVITY", page.getString("items[0].kind"));
        assertEquals(merchant, page.getString("items[0].merchant.id"));
        assertEquals("MERCHANT_POST", page.getString("items[1].kind"));
        assertEquals(merchant, page.getString("items[1].merchant.id"));
        assertEquals(owner, page.getString("items[1].authorProfile.id"), "items carry their author's profile");
        assertEquals(List.of(), ids(explore(reader, "?city=" + newCity())), "another city has none of them");
        assertEquals(List.of(), ids(explore(reader, "?city=" + city + "&interest=coffee")),
                "a merchant's items carry no interests");

        events.publish(new MerchantSuspended(merchant, "root", "counterfeit goods", Instant.now()));
        await().atMost(AT_ONCE).until(() -> ids(explore(reader, "?city=" + city)).equals(List.of(otherPost)));

        events.publish(new MerchantApproved(merchant, "root", Instant.now()));
        await().atMost(AT_ONCE).until(() -> ids(explore(reader, "?city=" + city)).equals(List.of(activity, post,
                otherPost)));

        events.publish(new ActivityCancelled(activity, null, merchant, owner, Instant.now()));
        await().atMost(WAIT).until(() -> ids(explore(reader, "?city=" + city)).equals(List.of(post, otherPost)));
    }

    @Test
    void anUntouchedMerchantPostRanksByAgeAmongCommunityPosts() {
        Published events = new Published(json);
        String city = newCity();
        String reader = Tokens.newUserId("reader");
        String merchant = onboarded(events, city);
        String community = UUID.randomUUID().toString();
        events.publish(new CommunityCreated(community, "Neighbours", "", List.of("food"), city, 0, 0, "PUBLIC",
                Tokens.newUserId("owner"), Instant.now()));
        String recent = communityPost(events, community, city, Instant.now().minusSeconds(1800));
        String older = communityPost(events, community, city, Instant.now().minusSeconds(3600));
        String post = merchantPost(events, merchant, Tokens.newUserId("owner"), Instant.now().minusSeconds(2400));
        await().atMost(WAIT).until(() -> ids(explore(reader, "?city=" + city)).equals(List.of(recent, post, older)));

        events.publish(new PostReacted(older, community, Tokens.newUserId("fan"), "LIKE", true, 4, Instant.now()));
        await().atMost(WAIT).until(() -> ids(explore(reader, "?city=" + city)).equals(List.of(older, recent, post)));
    }

    @Test
    void aRemovedMerchantPostLeaves() {
        Published events = new Published(json);
        String city = newCity();
        String reader = Tokens.newUserId("reader");
        String merchant = onboarded(events, city);
        String kept = merchantPost(events, merchant, Tokens.newUserId("owner"), Instant.now().minusSeconds(120));
        String removed = merchantPost(events, merchant, Tokens.newUserId("owner"), Instant.now().minusSeconds(60));
        await().atMost(WAIT).until(() -> ids(explore(reader, "?city=" + city)).equals(List.of(removed, kept)));

        events.publish(new MerchantPostRemoved(removed, merchant, "owner", Instant.now()));

        await().atMost(WAIT).until(() -> ids(explore(reader, "?city=" + city)).equals(List.of(kept)));
        assertTrue(redis.sortedSet(String.class).zscore(FeedKeys.EXPLORE_CANDIDATES, removed).isEmpty());
    }

    @Test
    void aBlockedMerchantAuthorsPostIsAbsentForTheBlockerAndPresentForOthers() {
        Published events = new Published(json);
        String city = newCity();
        String blocker = Tokens.newUserId("blocker");
        String other = Tokens.newUserId("other");
        String author = Tokens.newUserId("shopkeeper");
        String merchant = onboarded(events, city);
        String blockedPost = merchantPost(events, merchant, author, Instant.now().minusSeconds(60));
        String fine = merchantPost(events, onboarded(events, city), Tokens.newUserId("owner"),
                Instant.now().minusSeconds(120));
        await().atMost(WAIT).until(() -> ids(explore(blocker, "?city=" + city)).equals(List.of(blockedPost, fine)));

        events.publish(new PersonBlocked(blocker, author));

        await().atMost(WAIT).until(() -> ids(explore(blocker, "?city=" + city)).equals(List.of(fine)));
        assertEquals(List.of(blockedPost, fine), ids(explore(other, "?city=" + city)));
    }

    @Test
    void aPostStoredBeforeItsMerchantWasKnownIsPlacedInItsCityOnceItIs() {
        Published events = new Published(json);
        String city = newCity();
        String reader = Tokens.newUserId("reader");
        String merchant = UUID.randomUUID().toString();
        String post = merchantPost(events, merchant, Tokens.newUserId("owner"), Instant.now().minusSeconds(60));
        await().atMost(WAIT).until(() -> redis.sortedSet(String.class)
                .zscore(FeedKeys.EXPLORE_CANDIDATES, post).isPresent());
        assertFalse(ids(explore(reader, "?city=" + city)).contains(post));

        events.publish(new MerchantOnboarded(merchant, Tokens.newUserId("owner"), "Late Shop", "cafe", city, 48.85,
                2.35, "ACTIVE", Instant.now()));

        await().atMost(WAIT).until(() -> ids(explore(reader, "?city=" + city)).equals(List.of(post)));
    }

    private String onboarded(Published events, String city) {
        String merchant = UUID.randomUUID().toString();
        events.publish(new MerchantOnboarded(merchant, Tokens.newUserId("owner"), "Shop", "cafe", city, 48.85, 2.35,
                "ACTIVE", Instant.now()));
        // the merchant's posts take their city from what the feed knows of the merchant
        await().atMost(WAIT).until(() -> city.equals(redis.hash(String.class)
                .hget(FeedKeys.merchantMeta(merchant), "city")));
        return merchant;
    }

    private static String merchantPost(Published events, String merchant, String author, Instant publishedAt) {
        String post = UUID.randomUUID().toString();
        events.publish(new MerchantPostPublished(post, merchant, "Shop", author, "new in", List.of(), publishedAt));
        return post;
    }

    private static String communityPost(Published events, String community, String city, Instant publishedAt) {
        String post = UUID.randomUUID().toString();
        events.publish(new PostPublished(post, community, "Neighbours", "PUBLIC", List.of("food"), city,
                Tokens.newUserId("author"), "a post", List.of(), publishedAt));
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
