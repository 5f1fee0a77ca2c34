package io.circles.merchant.merchant;

import static io.circles.merchant.Fixtures.adminToken;
import static io.circles.merchant.Fixtures.newLicence;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** Shops nearby: nearest first with distanceKm, within the radius, Chinese names searchable, suspended ones gone. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "merchant"))
class NearbyMerchantsIT {

    private static final double LAT = -33.87;
    private static final double LON = 151.21;

    @Test
    void nearSortsByDistanceWithinTheRadiusAndHidesSuspendedMerchants() {
        String city = "City-" + UUID.randomUUID();
        String owner = Tokens.newUserId("owner");
        String three = onboard(owner, "Harbour Bakery", city, LAT + 0.027, LON);
        String half = onboard(owner, "西湖咖啡社", city, LAT + 0.0045, LON);
        String far = onboard(owner, "Outer Coffee", city, LAT + 0.18, LON);
        String suspended = onboard(owner, "Gone Coffee", city, LAT + 0.009, LON);
        given().auth().oauth2(adminToken()).post("/api/merchants/" + suspended + "/suspend").then().statusCode(200);

        as(owner).queryParam("near", LAT + "," + LON).queryParam("city", city).get("/api/merchants")
                .then().statusCode(200).body("items.id", contains(half, three))
                .body("items[0].distanceKm", equalTo(0.5f)).body("items[1].distanceKm", equalTo(3.002f))
                .body("nextCursor", nullValue());
        as(owner).queryParam("near", LAT + "," + LON).queryParam("radiusKm", 25).queryParam("city", city)
                .get("/api/merchants").then().statusCode(200).body("items.id", contains(half, three, far));
        as(owner).queryParam("near", LAT + "," + LON).queryParam("q", "咖啡").queryParam("city", city)
                .get("/api/merchants").then().statusCode(200).body("items.id", contains(half));
        // Without near, no distance is invented.
        as(owner).queryParam("q", "咖啡").queryParam("city", city).get("/api/merchants")
                .then().statusCode(200).body("items.id", contains(half)).body("items[0].distanceKm", nullValue());
    }

    @Test
    void badNearParametersAreFieldErrors() {
        String user = Tokens.newUserId("user");
        as(user).queryParam("near", "91,0").get("/api/merchants").then().statusCode(400)
                .body("errors[0].field", equalTo("near"));
        as(user).queryParam("near", "abc").get("/api/merchants").then().statusCode(400)
                .body("errors[0].field", equalTo("near"));
        as(user).queryParam("near", "30,120").queryParam("radiusKm", 0).get("/api/merchants").then()
                .statusCode(400).body("errors[0].field", equalTo("radiusKm"));
        as(user).queryParam("radiusKm", 5).get("/api/merchants").then().statusCode(400)
                .body("errors[0].field", equalTo("radiusKm"));
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.forUser(user)).contentType(ContentType.JSON);
    }

    private static String onboard(String owner, String name, String city, double lat, double lon) {
        return as(owner).body("{\"name\":\"" + name + "\",\"category\":\"cafe\",\"city\":\"" + city + "\","
                + "\"location\":{\"lat\":" + lat + ",\"lon\":" + lon + "},\"licenseNumber\":\"" + newLicence() + "\"}")
                .post("/api/merchants").then().statusCode(201).body("status", equalTo("ACTIVE")).extract().path("id");
    }
}
