package io.circles.feed;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.community.CommunityCreated;
import io.circles.events.content.MerchantPostPublished;
import io.circles.events.community.MemberJoined;
import io.circles.events.merchant.MerchantFollowed;
import io.circles.events.people.PersonBlocked;
import io.circles.events.people.PersonUnblocked;
import io.circles.events.people.ProfileUpdated;
import io.circles.events.post.PostPublished;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Names joined into pages as they are written, and blocked authors left out of the blocker's feeds. */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class PeopleFeedIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    ObjectMapper json;

    @Test
    void aNameSetAfterAPostShowsOnItsCardInAMembersTimeline() {
        Published events = new Published(json);
        String community = UUID.randomUUID().toString();
        String author = Tokens.newUserId("author");
        String reader = Tokens.newUserId("reader");
        String post = UUID.randomUUID().toString();
        events.publish(new CommunityCreated(community, "Names", "about", List.of("coffee"), "Paris", 48.8, 2.3,
                "PUBLIC", reader, Instant.now()));
        events.publish(new MemberJoined(community, reader, "OWNER", Instant.now()));
        events.publish(new MemberJoined(community, author, "MEMBER", Instant.now()));
        events.publish(new PostPublished(post, community, "Names", "PUBLIC", List.of(), "Paris", author, "old post",
                List.of(), Instant.now()));
        await().atMost(WAIT).until(() -> post.equals(home(reader).getString("items[0].id")));
        assertEquals(author, home(reader).getString("items[0].authorProfile.displayName"), "no profile yet: the id");

        events.publish(new ProfileUpdated(author, "Ana <b>Lima</b>", "https://cdn.example/a.jpg", "Paris",
                List.of("coffee"), Instant.now()));

        await().atMost(WAIT).until(() -> "Ana <b>Lima</b>".equals(home(reader).getString("items[0].authorProfile"
                + ".displayName")));
        JsonPath page = home(reader);
        assertEquals(author, page.getString("items[0].authorProfile.id"));
        assertEquals("https://cdn.example/a.jpg", page.getString("items[0].authorProfile.avatarUrl"));
        assertEquals("old post", page.getString("items[0].text"));
        assertEquals("Ana <b>Lima</b>", given().auth().oauth2(Tokens.forUser(reader))
                .get("/api/feeds/communities/" + community).then().statusCode(200).extract().jsonPath()
                .getString("items[0].authorProfile.displayName"));
    }

    @Test
    void aBlockedAuthorLeavesTheBlockersHomeAndCommunityFeedsOnlyAndComesBackOnUnblock() {
        Published events = new Published(json);
        String community = UUID.randomUUID().toString();
        String blocker = Tokens.newUserId("blocker");
        String troll = Tokens.newUserId("troll");
        String other = Tokens.newUserId("other");
        String trollPost = UUID.randomUUID().toString();
        String otherPost = UUID.randomUUID().toString();
        events.publish(new CommunityCreated(community, "Blocks", "about", List.of("coffee"), "Paris", 48.8, 2.3,
                "PUBLIC", blocker, Instant.now()));
        for (String user : List.of(blocker, troll, other)) {
            events.publish(new MemberJoined(community, user, "MEMBER", Instant.now()));
        }
        events.publish(new PostPublished(trollPost, community, "Blocks", "PUBLIC", List.of(), "Paris", troll,
                "troll post", List.of(), Instant.now()));
        events.publish(new PostPublished(otherPost, community, "Blocks", "PUBLIC", List.of(), "Paris", other,
                "other post", List.of(), Instant.now().plusMillis(1)));
        await().atMost(WAIT).until(() -> home(blocker).getList("items.id").size() == 2);

        events.publish(new PersonBlocked(blocker, troll));

        await().atMost(WAIT).until(() -> home(blocker).getList("items.id").equals(List.of(otherPost)));
        assertEquals(List.of(otherPost), communityFeed(blocker, community).getList("items.id"));
        assertEquals(List.of(otherPost, trollPost), home(other).getList("items.id"), "others still see the author");
        assertEquals(List.of(otherPost, trollPost), communityFeed(other, community).getList("items.id"));
        assertEquals(2, home(troll).getList("items.id").size(), "the blocked person's own feed is unchanged");

        events.publish(new PersonUnblocked(blocker, troll));
        await().atMost(WAIT).until(() -> home(blocker).getList("items.id").size() == 2);
        assertEquals(List.of(otherPost, trollPost), communityFeed(blocker, community).getList("items.id"));
    }

    @Test
    void aBlockedPersonsMerchantPostsLeaveTheBlockersHomeFeedEvenThoughTheyFollowTheMerchant() {
        Published events = new Published(json);
        String merchant = UUID.randomUUID().toString();
        String seller = Tokens.newUserId("seller");
        String blocker = Tokens.newUserId("fan");
        String other = Tokens.newUserId("fan");
        String post = UUID.randomUUID().toString();
        events.publish(new MerchantFollowed(merchant, blocker, Instant.now()));
        events.publish(new MerchantFollowed(merchant, other, Instant.now()));
        events.publish(new MerchantPostPublished(post, merchant, "Bakery", seller, "fresh bread", List.of(),
                Instant.now()));
        await().atMost(WAIT).until(() -> home(blocker).getList("items.id").equals(List.of(post)));

        events.publish(new PersonBlocked(blocker, seller));

        await().atMost(WAIT).until(() -> home(blocker).getList("items.id").isEmpty());
        assertEquals(List.of(post), home(other).getList("items.id"), "other followers still see the post");

        events.publish(new PersonUnblocked(blocker, seller));
        await().atMost(WAIT).until(() -> home(blocker).getList("items.id").equals(List.of(post)));
    }

    private static JsonPath home(String user) {
        return given().auth().oauth2(Tokens.forUser(user)).get("/api/feeds/me").then().statusCode(200)
                .extract().jsonPath();
    }

    private static JsonPath communityFeed(String user, String community) {
        return given().auth().oauth2(Tokens.forUser(user)).get("/api/feeds/communities/" + community)
                .then().statusCode(200).extract().jsonPath();
    }
}
