package io.circles.feed;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.circles.events.community.MemberJoined;
import io.circles.events.post.PostPublished;
import io.circles.feed.membership.FeedKeys;
import io.circles.feed.timeline.Cards;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Cards kept by a replica: served without Redis while unchanged, read afresh once a change is announced. */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class CardsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    ObjectMapper json;

    @Inject
    RedisDataSource redis;

    @Test
    void aCardReadBeforeIsServedByTheReplicaAndAChangeAnnouncedElsewhereReplacesIt() throws Exception {
        Published events = new Published(json);
        String community = UUID.randomUUID().toString();
        String reader = Tokens.newUserId("reader");
        String post = UUID.randomUUID().toString();
        events.publish(new MemberJoined(community, reader, "OWNER", Instant.now()));
        events.publish(new PostPublished(post, community, "Cards", "PUBLIC", List.of(), "Paris", reader, "first",
                List.of(), Instant.now()));
        await().atMost(WAIT).until(() -> "first".equals(firstText(reader)));

        double hits = cardHits();
        firstText(reader);
        assertTrue(cardHits() > hits, "a card read before is served from the replica");

        // What another replica does when its consumer rewrites a card: the write, then the announcement.
        ObjectNode card = (ObjectNode) json.readTree(redis.value(String.class).get(FeedKeys.card(post)));
        card.put("text", "edited elsewhere");
        redis.value(String.class).set(FeedKeys.card(post), json.writeValueAsString(card));
        redis.pubsub(String.class).publish(Cards.CHANGED, post);
        await().atMost(WAIT).until(() -> "edited elsewhere".equals(firstText(reader)));
        assertEquals(List.of(post), given().auth().oauth2(Tokens.forUser(reader)).get("/api/feeds/me")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class));
    }

    private static String firstText(String user) {
        return given().auth().oauth2(Tokens.forUser(user)).get("/api/feeds/me").then().statusCode(200)
                .extract().jsonPath().getString("items[0].text");
    }

    private static double cardHits() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("cache_gets_total{") && line.contains("cache=\"cards\"")
                        && line.contains("result=\"hit\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
