package io.circles.feed;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

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
import io.circles.events.feed.PromotionClicked;
import io.circles.events.post.PostPublished;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.ReceivedEvent;
import io.circles.test.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class SponsoredClickIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ObjectMapper json;

    @Test
    void onlyTheReaderASlotWasServedToCountsAClickAndOnlyOncePerImpression() {
        Published events = new Published(json);
        String interest = "click-" + UUID.randomUUID();
        String community = UUID.randomUUID().toString();
        String reader = Tokens.newUserId("reader");
        String other = Tokens.newUserId("other");
        events.publish(new CommunityCreated(community, "Targeted", "", List.of(interest), "Paris", 0, 0, "PUBLIC",
                reader, Instant.now()));
        events.publish(new MemberJoined(community, reader, "OWNER", Instant.now()));
        events.publish(new PostPublished(UUID.randomUUID().toString(), community, "Targeted", "PUBLIC",
                List.of(interest), "Paris", reader, "hello", List.of(), Instant.now()));
        String merchant = UUID.randomUUID().toString();
        String post = UUID.randomUUID().toString();
        String promotion = UUID.randomUUID().toString();
        events.publish(new MerchantPostPublished(post, merchant, "Shop", "owner", "buy", List.of(), Instant.now()));
        events.publish(new PromotionLaunched(promotion, merchant, post, 100,
                new Targeting(List.of(interest), List.of("Paris")), Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(86_400), Instant.now()));
        await().atMost(WAIT).until(() -> FanOutIT.home(reader, 20).jsonPath()
                .getList("items.promotionId", String.class).contains(promotion));
        String impression = FanOutIT.home(reader, 20).jsonPath()
                .getString("items.find { it.sponsored }.impressionId");
        assertNotNull(impression);

        try (KafkaProbe clicks = KafkaProbe.on(Topics.FEED_IMPRESSIONS)) {
            given().auth().oauth2(Tokens.forUser(other)).post("/api/feeds/me/sponsored/" + impression + "/click")
                    .then().statusCode(404).contentType("application/problem+json");
            given().auth().oauth2(Tokens.forUser(reader)).post("/api/feeds/me/sponsored/no-such-slot/click")
                    .then().statusCode(404).contentType("application/problem+json");
            for (int i = 0; i < 3; i++) {
                given().auth().oauth2(Tokens.forUser(reader)).post("/api/feeds/me/sponsored/" + impression + "/click")
                        .then().statusCode(204);
            }
            ReceivedEvent click = clicks.await(e -> PromotionClicked.TYPE.equals(e.type()), Duration.ofSeconds(20))
                    .assertMatchesSchema();
            assertEquals(promotion, click.key());
            assertEquals(impression, click.json().get("impressionId").asText());
            assertEquals(reader, click.json().get("userId").asText());
            assertEquals(merchant, click.json().get("merchantId").asText());
            assertEquals(1, clicks.all(e -> PromotionClicked.TYPE.equals(e.type()), Duration.ofSeconds(3)).size(),
                    "one click per impression");
        }
    }
}
