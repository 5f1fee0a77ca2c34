package io.circles.feed;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.Topics;
import io.circles.events.Venue;
import io.circles.events.activity.ActivityCancelled;
import io.circles.events.activity.ActivityReminder;
import io.circles.events.activity.ActivityScheduled;
import io.circles.events.activity.ActivityUpdated;
import io.circles.events.community.CommunityCreated;
import io.circles.events.community.MemberJoined;
import io.circles.events.content.MerchantPostPublished;
import io.circles.events.content.MerchantPostRemoved;
import io.circles.events.merchant.MerchantFollowed;
import io.circles.events.merchant.MerchantUnfollowed;
import io.circles.events.post.PostPublished;
import io.circles.feed.membership.FeedKeys;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.ReceivedEvent;
import io.circles.test.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class ActivityAndMerchantIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Venue VENUE = new Venue("Cafe", "1 rue de Rivoli", 48.85, 2.35);

    @Inject
    ObjectMapper json;

    @Inject
    RedisDataSource redis;

    @Test
    void aScheduledActivityReachesMembersItsReminderOnlyAttendeesAndCancellingRemovesBoth() {
        Published events = new Published(json);
        String community = UUID.randomUUID().toString();
        String going = Tokens.newUserId("going");
        String notGoing = Tokens.newUserId("notgoing");
        events.publish(new CommunityCreated(community, "Hikers", "", List.of("hiking"), "Lyon", 0, 0, "PUBLIC",
                going, Instant.now()));
        events.publish(new MemberJoined(community, going, "OWNER", Instant.now()));
        events.publish(new MemberJoined(community, notGoing, "MEMBER", Instant.now()));
        await().atMost(WAIT).until(() -> redis.set(String.class).scard(FeedKeys.members(community)) == 2);

        String activity = UUID.randomUUID().toString();
        Instant starts = Instant.now().plusSeconds(86_400);
        events.publish(new ActivityScheduled(activity, community, going, "Hike", "up the hill", starts,
                starts.plusSeconds(7200), VENUE, 10, Instant.now().minusSeconds(10)));
        await().atMost(WAIT).until(() -> FanOutIT.homeIds(notGoing).contains(activity));
        JsonPath card = FanOutIT.home(notGoing, 20).jsonPath();
        assertEquals("ACTIVITY", card.getString("items[0].kind"));
        assertEquals("Hike", card.getString("items[0].activity.title"));
        assertEquals("Hikers", card.getString("items[0].community.name"));

        events.publish(new ActivityUpdated(activity, community, "Long hike", "further", starts,
                starts.plusSeconds(9000), VENUE, 12, going, Instant.now()));
        events.publish(new ActivityReminder(activity, community, "Long hike", starts, VENUE, List.of(going),
                Instant.now()));
        await().atMost(WAIT).until(() -> FanOutIT.homeIds(going).size() == 2);
        JsonPath goingFeed = FanOutIT.home(going, 20).jsonPath();
        assertEquals("REMINDER", goingFeed.getString("items[0].kind"));
        assertEquals("Long hike", goingFeed.getString("items[1].activity.title"));
        assertEquals(List.of(activity), FanOutIT.homeIds(notGoing));

        events.publish(new ActivityCancelled(activity, community, going, Instant.now()));
        await().atMost(WAIT).until(() -> FanOutIT.homeIds(going).isEmpty() && FanOutIT.homeIds(notGoing).isEmpty());
    }

    @Test
    void aMerchantsActivityReachesItsFollowersHomeFeedsAndCancellingRemovesIt() {
        Published events = new Published(json);
        String merchant = UUID.randomUUID().toString();
        String owner = Tokens.newUserId("owner");
        String fan = Tokens.newUserId("fan");
        String stranger = Tokens.newUserId("stranger");
        String sentinel = merchantPost(events, merchant, Instant.now().minusSeconds(60));
        events.publish(new MerchantFollowed(merchant, fan, Instant.now()));
        await().atMost(WAIT).until(() -> FanOutIT.homeIds(fan).equals(List.of(sentinel)));

        String activity = UUID.randomUUID().toString();
        Instant starts = Instant.now().plusSeconds(86_400);
        events.publish(new ActivityScheduled(activity, null, merchant, owner, "Latte art class", "bring a cup",
                starts, starts.plusSeconds(7200), VENUE, 12, Instant.now()));
        await().atMost(WAIT).until(() -> FanOutIT.homeIds(fan).equals(List.of(activity, sentinel)));
        JsonPath card = FanOutIT.home(fan, 20).jsonPath();
        assertEquals("ACTIVITY", card.getString("items[0].kind"));
        assertEquals("Latte art class", card.getString("items[0].activity.title"));
        assertEquals(merchant, card.getString("items[0].merchant.id"));
        assertEquals(List.of(), FanOutIT.homeIds(stranger));
        assertEquals(List.of(activity, sentinel), merchantIds(stranger, merchant));

        events.publish(new ActivityCancelled(activity, null, merchant, "admin", Instant.now()));
        await().atMost(WAIT).until(() -> FanOutIT.homeIds(fan).equals(List.of(sentinel)));
        assertEquals(List.of(sentinel), merchantIds(stranger, merchant));
    }

    @Test
    void followingBackfillsMerchantPostsAndUnfollowingRemovesThem() {
        Published events = new Published(json);
        String merchant = UUID.randomUUID().toString();
        String fan = Tokens.newUserId("fan");
        String early = merchantPost(events, merchant, Instant.now().minusSeconds(60));
        await().atMost(WAIT).until(() -> merchantIds(fan, merchant).contains(early));

        events.publish(new MerchantFollowed(merchant, fan, Instant.now()));
        await().atMost(WAIT).until(() -> FanOutIT.homeIds(fan).equals(List.of(early)));
        String fresh = merchantPost(events, merchant, Instant.now());
        await().atMost(WAIT).until(() -> FanOutIT.homeIds(fan).equals(List.of(fresh, early)));
        assertEquals("MERCHANT_POST", FanOutIT.home(fan, 20).jsonPath().getString("items[0].kind"));
        assertEquals(merchant, FanOutIT.home(fan, 20).jsonPath().getString("items[0].merchant.id"));

        events.publish(new MerchantPostRemoved(early, merchant, "owner", Instant.now()));
        await().atMost(WAIT).until(() -> FanOutIT.homeIds(fan).equals(List.of(fresh)));
        assertEquals(List.of(fresh), merchantIds(fan, merchant));

        events.publish(new MerchantUnfollowed(merchant, fan, Instant.now()));
        await().atMost(WAIT).until(() -> FanOutIT.homeIds(fan).isEmpty());
        assertEquals(List.of(), FanOutIT.stored(redis, fan));
    }

    @Test
    void aMalformedPostEventIsDeadLetteredAndTheNextOneIsProcessed() {
        Published events = new Published(json);
        String community = UUID.randomUUID().toString();
        String member = Tokens.newUserId("member");
        events.publish(new MemberJoined(community, member, "MEMBER", Instant.now()));
        await().atMost(WAIT).until(() -> redis.set(String.class).sismember(FeedKeys.members(community), member));
        try (KafkaProbe deadLetters = KafkaProbe.on(Topics.deadLetter(Topics.COMMUNITY_POSTS, "feed-service"))) {
            KafkaProbe.publish(Topics.COMMUNITY_POSTS, community, Map.of(
                    "ce_id", UUID.randomUUID().toString(),
                    "ce_type", PostPublished.TYPE,
                    "ce_source", "/community-service",
                    "ce_specversion", "1.0"), "{\"postId\": [");
            String post = UUID.randomUUID().toString();
            events.publish(new PostPublished(post, community, "C", "PUBLIC", List.of(), "Paris", member, "ok",
                    List.of(), Instant.now()));

            ReceivedEvent parked = deadLetters.await(event -> community.equals(event.key()), WAIT);
            assertEquals("{\"postId\": [", parked.value());
            await().atMost(WAIT).until(() -> FanOutIT.homeIds(member).contains(post));
        }
        assertFalse(FanOutIT.homeIds(member).isEmpty());
    }

    private static String merchantPost(Published events, String merchant, Instant at) {
        String post = UUID.randomUUID().toString();
        events.publish(new MerchantPostPublished(post, merchant, "Bakery", "owner", "fresh bread", List.of(), at));
        return post;
    }

    private static List<String> merchantIds(String user, String merchant) {
        return given().auth().oauth2(Tokens.forUser(user)).get("/api/feeds/merchants/" + merchant)
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
    }
}
