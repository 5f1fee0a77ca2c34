package io.circles.merchant.sourcing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.UUID;

import io.circles.merchant.Fixtures;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "merchant"))
class SourcingIT {

    @Test
    void adminsWriteTheCatalogueAndMerchantOwnersSearchItByCategoryAndChineseText() {
        String category = "coffee-" + UUID.randomUUID().toString().substring(0, 8);
        String yunnan = offer("云南小粒咖啡豆 1kg", category, "普洱庄园", 6000);
        String mugs = offer("Stoneware mug", category, "Jingdezhen Kilns", 900);
        String owner = Tokens.newUserId("owner");
        Fixtures.activeMerchant(owner);

        given().auth().oauth2(Tokens.forUser(owner))
                .queryParam("category", category).queryParam("q", "咖啡")
                .when().get("/api/sourcing/offers")
                .then().statusCode(200)
                .body("items.id", equalTo(List.of(yunnan)))
                .body("items[0].supplier", equalTo("普洱庄园"))
                .body("items[0].wholesalePriceCents", equalTo(6000))
                .body("items[0].adoptionCount", equalTo(0));
        given().auth().oauth2(Tokens.forUser(owner))
                .queryParam("category", category)
                .when().get("/api/sourcing/offers")
                .then().statusCode(200).body("items.id", equalTo(List.of(mugs, yunnan)));

        given().auth().oauth2(Tokens.forUser(Tokens.newUserId("shopper")))
                .when().get("/api/sourcing/offers")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                .body(offerJson("Mine now", category, "Me", 1))
                .when().post("/api/sourcing/offers")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Fixtures.adminToken()).contentType(ContentType.JSON)
                .body("{\"title\":\"\",\"category\":\"Not A Slug\",\"supplier\":\"x\",\"wholesalePriceCents\":-1,"
                        + "\"currency\":\"XXX\",\"minOrder\":0,\"images\":[\"http://plain.example.com/a.jpg\"]}")
                .when().post("/api/sourcing/offers")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void merchantsAdoptAnOfferAtTheirOwnPriceAndTheOfferCountsTheMerchantsThatDid() {
        String category = "tea-" + UUID.randomUUID().toString().substring(0, 8);
        String offer = offer("West Lake Longjing 250g", category, "Meijiawu Co-op", 9000);
        String first = Tokens.newUserId("owner");
        String firstMerchant = Fixtures.activeMerchant(first);
        String second = Tokens.newUserId("owner");
        String secondMerchant = Fixtures.activeMerchant(second);

        given().auth().oauth2(Tokens.forUser(first)).contentType(ContentType.JSON)
                .body("{\"offerId\":\"" + offer + "\",\"priceCents\":16800,\"stock\":12}")
                .when().post("/api/merchants/" + firstMerchant + "/products")
                .then().statusCode(201)
                .body("title", equalTo("West Lake Longjing 250g"))
                .body("priceCents", equalTo(16800))
                .body("currency", equalTo("CNY"))
                .body("stock", equalTo(12))
                .body("offerId", equalTo(offer));
        given().auth().oauth2(Tokens.forUser(first)).contentType(ContentType.JSON)
                .body("{\"offerId\":\"" + offer + "\",\"priceCents\":15000,\"stock\":1}")
                .when().post("/api/merchants/" + firstMerchant + "/products")
                .then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(Tokens.forUser(second)).contentType(ContentType.JSON)
                .body("{\"offerId\":\"" + offer + "\",\"priceCents\":15800,\"stock\":3}")
                .when().post("/api/merchants/" + secondMerchant + "/products")
                .then().statusCode(201).body("priceCents", equalTo(15800));

        given().auth().oauth2(Tokens.forUser(first)).queryParam("category", category)
                .when().get("/api/sourcing/offers")
                .then().statusCode(200).body("items[0].adoptionCount", equalTo(2));
        given().auth().oauth2(Tokens.forUser(first))
                .when().get("/api/merchants/" + firstMerchant + "/products")
                .then().statusCode(200).body("items[0].priceCents", equalTo(16800))
                .body("items[0].offerId", equalTo(offer));
    }

    @Test
    void anAdoptionNamesARealOfferAndOnlyPriceAndStock() {
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        String offer = offer("Kettle", "tools-" + UUID.randomUUID().toString().substring(0, 8), "Acme", 100);
        given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                .body("{\"offerId\":\"no-such-offer\",\"priceCents\":100,\"stock\":1}")
                .when().post("/api/merchants/" + merchant + "/products")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("offerId"));
        given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                .body("{\"offerId\":\"" + offer + "\",\"title\":\"Renamed\",\"priceCents\":100,\"stock\":1}")
                .when().post("/api/merchants/" + merchant + "/products")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                .body("{\"priceCents\":100,\"stock\":1}")
                .when().post("/api/merchants/" + merchant + "/products")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("title"));
        given().auth().oauth2(Tokens.forUser(owner))
                .when().get("/api/merchants/" + merchant + "/products")
                .then().statusCode(200).body("items.offerId", not(hasItem(offer)))
                .body("items[0]", nullValue());
    }

    private static String offer(String title, String category, String supplier, long wholesale) {
        return given().auth().oauth2(Fixtures.adminToken()).contentType(ContentType.JSON)
                .body(offerJson(title, category, supplier, wholesale))
                .when().post("/api/sourcing/offers")
                .then().statusCode(201).body("adoptionCount", equalTo(0))
                .extract().path("id");
    }

    private static String offerJson(String title, String category, String supplier, long wholesale) {
        return "{\"title\":\"" + title + "\",\"category\":\"" + category + "\",\"supplier\":\"" + supplier + "\","
                + "\"wholesalePriceCents\":" + wholesale + ",\"currency\":\"CNY\",\"minOrder\":10,"
                + "\"images\":[\"https://cdn.example.com/offer.jpg\"]}";
    }
}
