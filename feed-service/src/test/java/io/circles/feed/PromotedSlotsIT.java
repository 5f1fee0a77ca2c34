package io.circles.feed;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.Targeting;
import io.circles.events.Topics;
import io.circles.events.community.CommunityCreated;
import io.circles.events.community.MemberJoined;
import io.circles.events.content.MerchantPostPublished;
import io.circles.events.content.PromotionExhausted;
import io.circles.events.content.PromotionLaunched;
import io.circles.events.content.PromotionPaused;
import io.circles.events.feed.PromotionImpression;
import io.circles.events.post.PostPublished;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.ReceivedEvent;
import io.circles.test.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class PromotedSlotsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    ObjectMapper json;

    @Test
    void matchingPromotionsFillTheThirdSlotOnceEachAndEmitOneImpressionPerPageRequest() {
        Published events = new Published(json);
        String interest = "promo-" + UUID.randomUUID();
        String community = UUID.randomUUID().toString();
        String reader = Tokens.newUserId("reader");
        String outsider = Tokens.newUserId("outsider");
        events.publish(new CommunityCreated(community, "Targeted", "", List.of(interest), "Paris", 0, 0, "PUBLIC",
                reader, Instant.now()));
        events.publish(new MemberJoined(community, reader, "OWNER", Instant.now()));
        for (int i = 0; i < 4; i++) {
            events.publish(new PostPublished(UUID.randomUUID().toString(), community, "Targeted", "PUBLIC",
                    List.of(interest), "Paris", reader, "post " + i, List.of(), Instant.now().minusSeconds(i)));
        }
        String merchant = UUID.randomUUID().toString();
        String firstPromotion = UUID.randomUUID().toString();
        String secondPromotion = UUID.randomUUID().toString();
        launch(events, merchant, firstPromotion, interest);
        launch(events, merchant, secondPromotion, interest);
        await().atMost(WAIT).until(() -> FanOutIT.homeIds(reader).size() == 5);

        try (KafkaProbe impressions = KafkaProbe.on(Topics.FEED_IMPRESSIONS)) {
            JsonPath page = FanOutIT.home(reader, 20).jsonPath();
            assertEquals(List.of(false, false, true, false, false), page.getList("items.sponsored", Boolean.class));
            String promotion = page.getString("items[2].promotionId");
            assertTrue(Set.of(firstPromotion, secondPromotion).contains(promotion));
            assertEquals("MERCHANT_POST", page.getString("items[2].kind"));
            FanOutIT.home(reader, 20); // the same page requested again

            List<ReceivedEvent> served = impressions.all(event -> promotion.equals(event.key()),
                    Duration.ofSeconds(3));
            assertEquals(2, served.size());
            assertEquals(1, served.stream().map(ReceivedEvent::id).collect(Collectors.toSet()).size(),
                    "a retried page request carries the same impression id");
            ReceivedEvent impression = served.get(0);
            assertEquals(PromotionImpression.TYPE, impression.type());
            impression.assertMatchesSchema();
            assertEquals(reader, impression.json().get("userId").asText());
        }
        assertFalse(FanOutIT.home(outsider, 20).jsonPath().getList("items.sponsored", Boolean.class).contains(true));

        events.publish(new PromotionExhausted(firstPromotion, merchant, 100, 100, Instant.now()));
        events.publish(new PromotionPaused(secondPromotion, merchant, Instant.now()));
        await().atMost(WAIT).until(() -> !FanOutIT.home(reader, 20).jsonPath()
                .getList("items.sponsored", Boolean.class).contains(true));
    }

    private static void launch(Published events, String merchant, String promotion, String interest) {
        String post = UUID.randomUUID().toString();
        events.publish(new MerchantPostPublished(post, merchant, "Shop", "owner", "buy", List.of(), Instant.now()));
        events.publish(new PromotionLaunched(promotion, merchant, post, 100,
                new Targeting(List.of(interest), List.of("Paris")), Instant.now(),
                Instant.now().plusSeconds(86_400), Instant.now()));
    }
}
