package io.circles.feed;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.community.CommunityCreated;
import io.circles.events.community.MemberJoined;
import io.circles.events.community.MemberLeft;
import io.circles.events.content.MerchantPostPublished;
import io.circles.events.merchant.MerchantFollowed;
import io.circles.events.post.PostPublished;
import io.circles.events.post.PostRemoved;
import io.circles.events.post.PostUpdated;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class RebuildIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ObjectMapper json;

    @Inject
    RedisDataSource redis;

    @Test
    void aRebuildFromTheTopicsReproducesEveryFirstPageExactly() {
        Published events = new Published(json);
        String community = UUID.randomUUID().toString();
        String merchant = UUID.randomUUID().toString();
        String ann = Tokens.newUserId("ann");
        String ben = Tokens.newUserId("ben");
        String cat = Tokens.newUserId("cat");
        Instant t = Instant.now().minusSeconds(300);
        events.publish(new CommunityCreated(community, "Rebuilt", "", List.of("music"), "Oslo", 0, 0, "PUBLIC", ann,
                t));
        events.publish(new MemberJoined(community, ann, "OWNER", t));
        events.publish(new MemberJoined(community, ben, "MEMBER", t));
        events.publish(new MemberJoined(community, cat, "MEMBER", t));
        String kept = post(events, community, ann, t.plusSeconds(1));
        String edited = post(events, community, ben, t.plusSeconds(2));
        String removed = post(events, community, cat, t.plusSeconds(3));
        events.publish(new PostUpdated(edited, community, "second thoughts", List.of(), t.plusSeconds(4)));
        events.publish(new PostRemoved(removed, community, "spam", ann, t.plusSeconds(5)));
        events.publish(new MemberLeft(community, cat, t.plusSeconds(6)));
        events.publish(new MerchantFollowed(merchant, cat, t.plusSeconds(7)));
        String offer = UUID.randomUUID().toString();
        events.publish(new MerchantPostPublished(offer, merchant, "Vinyl", "owner", "records", List.of(),
                t.plusSeconds(8)));
        await().atMost(WAIT).until(() -> FanOutIT.homeIds(ann).equals(List.of(edited, kept))
                && FanOutIT.homeIds(cat).equals(List.of(offer)));
        Map<String, String> before = firstPages(List.of(ann, ben, cat));

        given().auth().oauth2(Tokens.forUser(ann)).post("/api/feeds/admin/rebuild")
                .then().statusCode(403).contentType("application/problem+json");
        redis.value(String.class).set("rebuild-marker", "not derived from any topic");
        given().auth().oauth2(Tokens.forUser(Tokens.newUserId("operator"), "platform-admin"))
                .post("/api/feeds/admin/rebuild").then().statusCode(202);

        assertFalse(redis.key().exists("rebuild-marker"), "Redis was emptied before the replay");
        await().atMost(WAIT).until(() -> firstPages(List.of(ann, ben, cat)).equals(before));
        assertEquals(before, firstPages(List.of(ann, ben, cat)));
    }

    private static Map<String, String> firstPages(List<String> users) {
        Map<String, String> pages = new LinkedHashMap<>();
        for (String user : users) {
            pages.put(user, FanOutIT.home(user, 20).asString());
        }
        return pages;
    }

    private static String post(Published events, String community, String author, Instant at) {
        String id = UUID.randomUUID().toString();
        events.publish(new PostPublished(id, community, "Rebuilt", "PUBLIC", List.of("music"), "Oslo", author,
                "text", List.of(), at));
        return id;
    }
}
