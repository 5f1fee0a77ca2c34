package io.circles.merchant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;

import java.util.concurrent.ThreadLocalRandom;

import io.circles.merchant.merchant.SocialCreditCode;
import io.circles.test.Tokens;
import io.restassured.http.ContentType;

/** Builds the data each test needs through the public API, with fresh ids every time. */
public final class Fixtures {

    public static final String ADMIN = "root";

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private Fixtures() {
    }

    /** A fresh, valid unified social credit code. */
    public static String newLicence() {
        StringBuilder first17 = new StringBuilder("91");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (first17.length() < 17) {
            first17.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return first17.toString() + SocialCreditCode.checkCharacter(first17.toString());
    }

    public static String adminToken() {
        return Tokens.forUser(ADMIN, "platform-admin");
    }

    public static String merchantJson(String name, String category, String city, String licence) {
        return "{\"name\":\"" + name + "\",\"category\":\"" + category + "\",\"city\":\"" + city + "\","
                + "\"location\":{\"lat\":30.27,\"lon\":120.15},\"licenseNumber\":\"" + licence + "\"}";
    }

    /** Onboards an ACTIVE cafe owned by {@code owner}. */
    public static String activeMerchant(String owner) {
        return activeMerchant(owner, "Hangzhou");
    }

    public static String activeMerchant(String owner, String city) {
        return given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                .body(merchantJson("Bean There", "cafe", city, newLicence()))
                .when().post("/api/merchants")
                .then().statusCode(201).header("Location", notNullValue())
                .extract().path("id");
    }

    /** Publishes a one-image post on the merchant and returns its id. */
    public static String post(String owner, String merchantId) {
        return given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                .body("{\"text\":\"Fresh roast today\",\"media\":[{\"type\":\"IMAGE\","
                        + "\"url\":\"https://cdn.example.com/roast.jpg\",\"width\":1080,\"height\":1080}]}")
                .when().post("/api/merchants/" + merchantId + "/posts")
                .then().statusCode(201)
                .extract().path("id");
    }
}
