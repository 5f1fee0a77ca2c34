package io.circles.feed;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.ProductCard;
import io.circles.events.content.MerchantPostPublished;
import io.circles.events.content.ProductUpdated;
import io.circles.events.merchant.MerchantFollowed;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class MerchantProductCardsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ObjectMapper json;

    @Test
    void aMerchantPostsFeedItemCarriesItsProductCardsAndAProductChangeUpdatesThem() {
        Published events = new Published(json);
        String merchant = UUID.randomUUID().toString();
        String fan = Tokens.newUserId("fan");
        String beans = UUID.randomUUID().toString();
        String mug = UUID.randomUUID().toString();
        String post = UUID.randomUUID().toString();
        events.publish(new MerchantFollowed(merchant, fan, Instant.now()));
        events.publish(new MerchantPostPublished(post, merchant, "Bean There", "owner", "New in", List.of(),
                Instant.now(), List.of(new ProductCard(beans, "Beans", 8800, "CNY", "https://cdn.example.com/b.jpg"),
                        new ProductCard(mug, "Mug", 3900, "CNY", null))));
        await().atMost(WAIT).until(() -> FanOutIT.homeIds(fan).contains(post));
        JsonPath item = FanOutIT.home(fan, 20).jsonPath();
        assertEquals(List.of(beans, mug), item.getList("items[0].products.id", String.class));
        assertEquals(8800, item.getInt("items[0].products[0].priceCents"));

        events.publish(new ProductUpdated(beans, merchant, "Beans, washed", 7900, "CNY", 4,
                List.of("https://cdn.example.com/b2.jpg"), Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> "Beans, washed".equals(
                FanOutIT.home(fan, 20).jsonPath().getString("items[0].products[0].title")));
        JsonPath updated = FanOutIT.home(fan, 20).jsonPath();
        assertEquals(7900, updated.getInt("items[0].products[0].priceCents"));
        assertEquals("https://cdn.example.com/b2.jpg", updated.getString("items[0].products[0].imageUrl"));
        assertEquals("Mug", updated.getString("items[0].products[1].title"));
        assertEquals(List.of(beans, mug), FanOutIT.home(fan, 20).jsonPath()
                .getList("items[0].products.id", String.class));
    }
}
