package io.circles.merchant.content;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.circles.events.Topics;
import io.circles.events.content.MerchantPostPublished;
import io.circles.events.content.MerchantPostRemoved;
import io.circles.events.content.ProductListed;
import io.circles.events.content.ProductUpdated;
import io.circles.merchant.Fixtures;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.ReceivedEvent;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "merchant"))
class ContentIT {

    private static final String PRODUCT = "{\"title\":\"Single-origin beans 250g\",\"priceCents\":8800,"
            + "\"currency\":\"CNY\",\"stock\":40,\"images\":[\"https://cdn.example.com/beans.jpg\"]}";

    @Test
    void theOwnerPublishesAPostThatAnyoneReadsAndTheCountFollows() {
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        try (KafkaProbe probe = KafkaProbe.on(Topics.MERCHANT_CONTENT)) {
            String post = Fixtures.post(owner, merchant);
            ReceivedEvent published = probe.await(MerchantPostPublished.TYPE, merchant).assertMatchesSchema();
            assertEquals(post, published.subject());
            assertEquals("Bean There", published.json().get("merchantName").asText());
            assertEquals("IMAGE", published.json().get("media").get(0).get("type").asText());
        }
        given().auth().oauth2(Tokens.forUser(Tokens.newUserId("reader")))
                .when().get("/api/merchants/" + merchant + "/posts")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].media[0].width", equalTo(1080))
                .body("nextCursor", nullValue());
        given().auth().oauth2(Tokens.forUser(Tokens.newUserId("reader")))
                .when().get("/api/merchants/" + merchant)
                .then().statusCode(200).body("postCount", equalTo(1));
    }

    @Test
    void postsListNewestFirstAcrossPages() {
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            posted.add(0, Fixtures.post(owner, merchant));
        }
        List<String> read = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(Tokens.forUser(owner)).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.when().get("/api/merchants/" + merchant + "/posts");
            page.then().statusCode(200);
            read.addAll(page.jsonPath().getList("items.id", String.class));
            cursor = page.jsonPath().getString("nextCursor");
        } while (cursor != null && read.size() < 20);
        assertEquals(posted, read);
    }

    @Test
    void removingAPostHidesItAndEmitsOnce() {
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        String post = Fixtures.post(owner, merchant);
        given().auth().oauth2(Tokens.forUser(Tokens.newUserId("mallory")))
                .when().delete("/api/merchants/" + merchant + "/posts/" + post)
                .then().statusCode(403).contentType("application/problem+json");
        try (KafkaProbe probe = KafkaProbe.on(Topics.MERCHANT_CONTENT)) {
            given().auth().oauth2(Tokens.forUser(owner))
                    .when().delete("/api/merchants/" + merchant + "/posts/" + post).then().statusCode(204);
            given().auth().oauth2(Tokens.forUser(owner))
                    .when().delete("/api/merchants/" + merchant + "/posts/" + post).then().statusCode(204);
            ReceivedEvent removed = probe.await(MerchantPostRemoved.TYPE, merchant).assertMatchesSchema();
            assertEquals(owner, removed.json().get("removedBy").asText());
            assertEquals(1, probe.all(e -> MerchantPostRemoved.TYPE.equals(e.type()) && merchant.equals(e.key()),
                    Duration.ofSeconds(2)).size());
        }
        given().auth().oauth2(Tokens.forUser(owner)).when().get("/api/merchants/" + merchant + "/posts")
                .then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(Tokens.forUser(owner)).when().get("/api/merchants/" + merchant)
                .then().statusCode(200).body("postCount", equalTo(0));
    }

    @Test
    void onlyTheOwnerPublishesAndBadMediaIsRejected() {
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        String otherOwner = Tokens.newUserId("rival");
        Fixtures.activeMerchant(otherOwner);
        for (String intruder : List.of(Tokens.newUserId("user"), otherOwner)) {
            given().auth().oauth2(Tokens.forUser(intruder)).contentType(ContentType.JSON)
                    .body("{\"text\":\"not mine\"}")
                    .when().post("/api/merchants/" + merchant + "/posts")
                    .then().statusCode(403).contentType("application/problem+json");
        }
        given().contentType(ContentType.JSON).body("{\"text\":\"anon\"}")
                .when().post("/api/merchants/" + merchant + "/posts").then().statusCode(401);
        given().auth().oauth2(Fixtures.adminToken()).contentType(ContentType.JSON).body("{\"text\":\"admin\"}")
                .when().post("/api/merchants/" + merchant + "/posts").then().statusCode(403);

        given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                .body("{\"text\":\"mixed\",\"media\":[{\"type\":\"VIDEO\",\"url\":\"https://a.example/v.mp4\","
                        + "\"durationSec\":10,\"coverUrl\":\"https://a.example/c.jpg\"},{\"type\":\"IMAGE\","
                        + "\"url\":\"http://a.example/x.jpg\",\"width\":1,\"height\":1}]}")
                .when().post("/api/merchants/" + merchant + "/posts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("media"))
                .body("errors.field", hasItem("media[1].url"));
        given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON).body("{\"text\":\"  \"}")
                .when().post("/api/merchants/" + merchant + "/posts")
                .then().statusCode(400).body("errors[0].field", equalTo("text"));
        given().auth().oauth2(Tokens.forUser(owner)).when().get("/api/merchants/" + merchant)
                .then().body("postCount", equalTo(0));
    }

    @Test
    void theOwnerListsAndEditsProductsWithEvents() {
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        try (KafkaProbe probe = KafkaProbe.on(Topics.MERCHANT_CONTENT)) {
            String product = given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON).body(PRODUCT)
                    .when().post("/api/merchants/" + merchant + "/products")
                    .then().statusCode(201).body("stock", equalTo(40)).extract().path("id");
            ReceivedEvent listed = probe.await(ProductListed.TYPE, merchant).assertMatchesSchema();
            assertEquals(product, listed.subject());

            given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                    .body("{\"stock\":39,\"priceCents\":7900}")
                    .when().patch("/api/merchants/" + merchant + "/products/" + product)
                    .then().statusCode(200).body("stock", equalTo(39)).body("priceCents", equalTo(7900))
                    .body("title", equalTo("Single-origin beans 250g"));
            given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                    .body("{\"stock\":39}")
                    .when().patch("/api/merchants/" + merchant + "/products/" + product)
                    .then().statusCode(200);
            ReceivedEvent updated = probe.await(ProductUpdated.TYPE, merchant).assertMatchesSchema();
            assertEquals(39, updated.json().get("stock").asInt());
            assertEquals(1, probe.all(e -> ProductUpdated.TYPE.equals(e.type()) && merchant.equals(e.key()),
                    Duration.ofSeconds(2)).size(), "an edit that changes nothing emits nothing");

            given().auth().oauth2(Tokens.forUser(Tokens.newUserId("shopper")))
                    .when().get("/api/merchants/" + merchant + "/products")
                    .then().statusCode(200).body("items.id", contains(product)).body("items[0].stock", equalTo(39));
            given().auth().oauth2(Tokens.forUser(Tokens.newUserId("mallory"))).contentType(ContentType.JSON)
                    .body("{\"stock\":0}")
                    .when().patch("/api/merchants/" + merchant + "/products/" + product)
                    .then().statusCode(403);
        }
    }

    @Test
    void badProductsAreRejectedWithFieldErrors() {
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                .body("{\"title\":\"\",\"priceCents\":-1,\"currency\":\"yuan\",\"stock\":-5,"
                        + "\"images\":[\"https://a.example/x.jpg\"]}")
                .when().post("/api/merchants/" + merchant + "/products")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("title"))
                .body("errors.field", hasItem("priceCents"))
                .body("errors.field", hasItem("currency"))
                .body("errors.field", hasItem("stock"));
        given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                .body(PRODUCT.replace("CNY", "XQZ").replace("https://cdn", "http://cdn"))
                .when().post("/api/merchants/" + merchant + "/products")
                .then().statusCode(400)
                .body("errors.field", hasItem("currency"))
                .body("errors.field", hasItem("images[0]"));
        given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                .body("{\"title\":\"x\",\"priceCents\":\"cheap\",\"currency\":\"CNY\",\"stock\":1}")
                .when().post("/api/merchants/" + merchant + "/products")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.forUser(owner))
                .when().get("/api/merchants/" + merchant + "/products")
                .then().statusCode(200).body("items", hasSize(0));
    }
}
