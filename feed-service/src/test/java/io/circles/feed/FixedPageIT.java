package io.circles.feed;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;

import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The benchmark's fixed page is a {@code bench}-profile route only: a normally configured service does not serve it. */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class FixedPageIT {

    @Test
    void fixedPageIsNotServedOutsideTheBenchProfile() {
        given().when().get("/bench/feed-page").then().statusCode(404);
        String user = Tokens.newUserId("reader");
        given().header("Authorization", Tokens.bearer(user)).when().get("/bench/feed-page/me")
                .then().statusCode(404);
        // The same token reads the real feed: the 404 above is the route's absence, not a refused token.
        given().header("Authorization", Tokens.bearer(user)).when().get("/api/feeds/me?limit=20")
                .then().statusCode(200).body("items", notNullValue());
    }
}
