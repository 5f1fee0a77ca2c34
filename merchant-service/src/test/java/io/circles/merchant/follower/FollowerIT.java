package io.circles.merchant.follower;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.circles.events.Topics;
import io.circles.events.merchant.MerchantFollowed;
import io.circles.events.merchant.MerchantUnfollowed;
import io.circles.merchant.Fixtures;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.ReceivedEvent;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "merchant"))
class FollowerIT {

    @Test
    void followingTwiceCountsOnceAndEmitsOneEvent() {
        String merchant = Fixtures.activeMerchant(Tokens.newUserId("owner"));
        String bob = Tokens.newUserId("bob");
        try (KafkaProbe probe = KafkaProbe.on(Topics.MERCHANT_EVENTS)) {
            follow(bob, merchant).statusCode(200).body("following", equalTo(true)).body("followerCount", equalTo(1));
            follow(bob, merchant).statusCode(200).body("following", equalTo(true)).body("followerCount", equalTo(1));

            ReceivedEvent followed = probe.await(MerchantFollowed.TYPE, merchant).assertMatchesSchema();
            assertEquals(bob, followed.json().get("userId").asText());
            assertEquals(merchant + "/followers/" + bob, followed.subject());
            assertEquals(1, probe.all(e -> MerchantFollowed.TYPE.equals(e.type()) && merchant.equals(e.key()),
                    Duration.ofSeconds(2)).size(), "a repeated follow emits nothing");
        }
        given().auth().oauth2(Tokens.forUser(bob)).when().get("/api/merchants/" + merchant)
                .then().statusCode(200).body("followerCount", equalTo(1));
    }

    @Test
    void unfollowingIsIdempotentToo() {
        String merchant = Fixtures.activeMerchant(Tokens.newUserId("owner"));
        String carol = Tokens.newUserId("carol");
        follow(carol, merchant).statusCode(200);
        try (KafkaProbe probe = KafkaProbe.on(Topics.MERCHANT_EVENTS)) {
            unfollow(carol, merchant).statusCode(200)
                    .body("following", equalTo(false)).body("followerCount", equalTo(0));
            unfollow(carol, merchant).statusCode(200).body("followerCount", equalTo(0));

            probe.await(MerchantUnfollowed.TYPE, merchant).assertMatchesSchema();
            assertEquals(1, probe.all(e -> MerchantUnfollowed.TYPE.equals(e.type()) && merchant.equals(e.key()),
                    Duration.ofSeconds(2)).size());
        }
    }

    @Test
    void followingAnUnknownMerchantIsNotFound() {
        follow(Tokens.newUserId("dave"), UUID.randomUUID().toString()).statusCode(404)
                .contentType("application/problem+json");
        given().when().put("/api/merchants/" + UUID.randomUUID() + "/followers/me").then().statusCode(401);
    }

    @Test
    void twoHundredConcurrentFollowsCountExactlyTwoHundred() throws Exception {
        String merchant = Fixtures.activeMerchant(Tokens.newUserId("owner"));
        int followers = 200;
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < followers; i++) {
                String user = Tokens.newUserId("fan");
                String token = Tokens.forUser(user);
                results.add(pool.submit(() -> {
                    start.await();
                    // every follower also repeats itself once: repeats must not count
                    given().auth().oauth2(token).when().put("/api/merchants/" + merchant + "/followers/me");
                    return given().auth().oauth2(token).when().put("/api/merchants/" + merchant + "/followers/me")
                            .then().extract().statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertEquals(200, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
        given().auth().oauth2(Tokens.forUser(Tokens.newUserId("reader"))).when().get("/api/merchants/" + merchant)
                .then().statusCode(200).body("followerCount", equalTo(followers));
    }

    private static io.restassured.response.ValidatableResponse follow(String user, String merchant) {
        return given().auth().oauth2(Tokens.forUser(user)).when().put("/api/merchants/" + merchant + "/followers/me")
                .then();
    }

    private static io.restassured.response.ValidatableResponse unfollow(String user, String merchant) {
        return given().auth().oauth2(Tokens.forUser(user)).when().delete("/api/merchants/" + merchant + "/followers/me")
                .then();
    }
}
