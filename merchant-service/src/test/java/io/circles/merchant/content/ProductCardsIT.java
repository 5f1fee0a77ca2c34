package io.circles.merchant.content;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.circles.events.Topics;
import io.circles.events.content.MerchantPostPublished;
import io.circles.merchant.Fixtures;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.ReceivedEvent;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "merchant"))
class ProductCardsIT {

    @Test
    void aPostCarriesCardsOfItsOwnProductsAndThePublishedEventCarriesThemToo() {
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        String beans = product(owner, merchant, "Single-origin beans 250g", 8800, "https://cdn.example.com/b.jpg");
        String mug = product(owner, merchant, "Mug", 3900, null);
        try (KafkaProbe probe = KafkaProbe.on(Topics.MERCHANT_CONTENT)) {
            String post = given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                    .body("{\"text\":\"New in\",\"productIds\":[\"" + mug + "\",\"" + beans + "\",\"" + mug + "\"]}")
                    .when().post("/api/merchants/" + merchant + "/posts")
                    .then().statusCode(201)
                    .body("products.id", equalTo(List.of(mug, beans)))
                    .body("products[1].title", equalTo("Single-origin beans 250g"))
                    .body("products[1].priceCents", equalTo(8800))
                    .body("products[1].currency", equalTo("CNY"))
                    .body("products[1].imageUrl", equalTo("https://cdn.example.com/b.jpg"))
                    .extract().path("id");

            ReceivedEvent published = probe.await(e -> MerchantPostPublished.TYPE.equals(e.type())
                    && post.equals(e.subject()), Duration.ofSeconds(20)).assertMatchesSchema();
            List<String> ids = new ArrayList<>();
            for (JsonNode card : published.json().get("products")) {
                ids.add(card.get("id").asText());
            }
            assertEquals(List.of(mug, beans), ids);
        }
    }

    @Test
    void aProductsNewPriceAndTitleShowOnThePostsThatCarryIt() {
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        String beans = product(owner, merchant, "Beans", 8800, null);
        String post = given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                .body("{\"text\":\"New in\",\"productIds\":[\"" + beans + "\"]}")
                .when().post("/api/merchants/" + merchant + "/posts")
                .then().statusCode(201).extract().path("id");

        given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                .body("{\"title\":\"Beans, washed\",\"priceCents\":7900}")
                .when().patch("/api/merchants/" + merchant + "/products/" + beans)
                .then().statusCode(200);

        JsonPath posts = given().auth().oauth2(Tokens.forUser(Tokens.newUserId("reader")))
                .when().get("/api/merchants/" + merchant + "/posts")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(post, posts.getString("items[0].id"));
        assertEquals("Beans, washed", posts.getString("items[0].products[0].title"));
        assertEquals(7900, posts.getInt("items[0].products[0].priceCents"));
    }

    @Test
    void anotherMerchantsProductOrTooManyProductsAreRejectedAndNothingIsPublished() {
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        String rival = Tokens.newUserId("rival");
        String rivalMerchant = Fixtures.activeMerchant(rival);
        String theirs = product(rival, rivalMerchant, "Their mug", 100, null);
        String mine = product(owner, merchant, "My mug", 100, null);

        given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                .body("{\"text\":\"Look\",\"productIds\":[\"" + mine + "\",\"" + theirs + "\"]}")
                .when().post("/api/merchants/" + merchant + "/posts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("productIds"));
        List<String> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add("\"p" + i + "\"");
        }
        given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                .body("{\"text\":\"Look\",\"productIds\":[" + String.join(",", ten) + "]}")
                .when().post("/api/merchants/" + merchant + "/posts")
                .then().statusCode(400).contentType("application/problem+json");

        given().auth().oauth2(Tokens.forUser(owner))
                .when().get("/api/merchants/" + merchant + "/posts")
                .then().statusCode(200).body("items.size()", equalTo(0));
        given().auth().oauth2(Tokens.forUser(owner))
                .when().get("/api/merchants/" + merchant)
                .then().statusCode(200).body("postCount", equalTo(0));
    }

    private static String product(String owner, String merchant, String title, long priceCents, String image) {
        return given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                .body("{\"title\":\"" + title + "\",\"priceCents\":" + priceCents + ",\"currency\":\"CNY\","
                        + "\"stock\":5,\"images\":[" + (image == null ? "" : "\"" + image + "\"") + "]}")
                .when().post("/api/merchants/" + merchant + "/products")
                .then().statusCode(201).extract().path("id");
    }
}
