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
import io.circles.events.Targeting;
import io.circles.events.Topics;
import io.circles.events.community.CommunityCreated;
import io.circles.events.community.MemberJoined;
import io.circles.events.content.MerchantPostPublished;
import io.circles.events.content.PromotionLaunched;
import io.circles.events.merchant.MerchantApproved;
import io.circles.events.merchant.MerchantFollowed;
import io.circles.events.merchant.MerchantSuspended;
import io.circles.events.post.PostPublished;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class MerchantSuspensionIT {

    /** Setting up: generous, as this may be the first test of a fresh JVM whose consumers are still joining. */
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** "At once" for a reader: the suspension event is consumed and the next page no longer shows the merchant. */
    private static final Duration AT_ONCE = Duration.ofSeconds(5);

    @Inject
    ObjectMapper json;

    @Test
    void aSuspendedMerchantLeavesEveryFeedAndEverySlotAtOnceAndAnApprovalBringsItBack() {
        Published events = new Published(json);
        String interest = "suspend-" + UUID.randomUUID();
        String community = UUID.randomUUID().toString();
        String reader = Tokens.newUserId("reader");
        events.publish(new CommunityCreated(community, "Targeted", "", List.of(interest), "Paris", 0, 0, "PUBLIC",
                reader, Instant.now()));
        events.publish(new MemberJoined(community, reader, "OWNER", Instant.now()));
        for (int i = 0; i < 4; i++) {
            events.publish(new PostPublished(UUID.randomUUID().toString(), community, "Targeted", "PUBLIC",
                    List.of(interest), "Paris", reader, "post " + i, List.of(), Instant.now().minusSeconds(10 + i)));
        }
        String merchant = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        String post = UUID.randomUUID().toString();
        String otherPost = UUID.randomUUID().toString();
        events.publish(new MerchantPostPublished(post, merchant, "Shop", "owner", "buy", List.of(), Instant.now()));
        events.publish(new MerchantPostPublished(otherPost, other, "Other", "owner2", "also", List.of(),
                Instant.now().minusSeconds(5)));
        events.publish(new MerchantFollowed(merchant, reader, Instant.now()));
        events.publish(new MerchantFollowed(other, reader, Instant.now()));
        String promotion = UUID.randomUUID().toString();
        events.publish(new PromotionLaunched(promotion, merchant, post, 100,
                new Targeting(List.of(interest), List.of("Paris")), Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(86_400), Instant.now()));
        await().atMost(WAIT).until(() -> organicIds(reader).containsAll(List.of(post, otherPost))
                && sponsoredPromotions(reader).contains(promotion));
        assertTrue(merchantFeed(reader, merchant, 200).contains(post));

        events.publish(new MerchantSuspended(merchant, "root", "counterfeit goods", Instant.now()));
        await().atMost(AT_ONCE).until(() -> !organicIds(reader).contains(post));
        try (KafkaProbe impressions = KafkaProbe.on(Topics.FEED_IMPRESSIONS)) {
            for (int i = 0; i < 3; i++) {
                JsonPath page = FanOutIT.home(reader, 20).jsonPath();
                assertFalse(page.getList("items.id", String.class).contains(post), page::prettify);
                assertFalse(page.getList("items.promotionId", String.class).contains(promotion), page::prettify);
                assertTrue(page.getList("items.id", String.class).contains(otherPost), "other merchants stay");
            }
            assertEquals(List.of(), impressions.all(event -> promotion.equals(event.key()), Duration.ofSeconds(3)),
                    "no impression of a suspended merchant's promotion is served");
        }
        given().auth().oauth2(Tokens.forUser(reader)).get("/api/feeds/merchants/" + merchant)
                .then().statusCode(404).contentType("application/problem+json");
        assertTrue(merchantFeed(reader, other, 200).contains(otherPost));

        events.publish(new MerchantApproved(merchant, "root", Instant.now()));
        await().atMost(AT_ONCE).until(() -> organicIds(reader).contains(post)
                && sponsoredPromotions(reader).contains(promotion));
        assertTrue(merchantFeed(reader, merchant, 200).contains(post));
    }

    private static List<String> organicIds(String user) {
        JsonPath page = FanOutIT.home(user, 100).jsonPath();
        return page.getList("items.findAll { !it.sponsored }.id", String.class);
    }

    private static List<String> sponsoredPromotions(String user) {
        JsonPath page = FanOutIT.home(user, 100).jsonPath();
        return page.getList("items.findAll { it.sponsored }.promotionId", String.class);
    }

    private static List<String> merchantFeed(String user, String merchant, int status) {
        return given().auth().oauth2(Tokens.forUser(user)).get("/api/feeds/merchants/" + merchant)
                .then().statusCode(status).extract().jsonPath().getList("items.id", String.class);
    }
}
