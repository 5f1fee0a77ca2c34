package io.circles.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;

import io.circles.local.LocalService;
import io.circles.test.Tokens;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A PostgreSQL restart during writes: a clean 503 with Retry-After while it is down, then service by itself. */
class DatabaseOutageIT {

    private static PlatformUnderTest platform;

    @BeforeAll
    static void startPlatform() {
        platform = PlatformUnderTest.get();
    }

    @Test
    void writesDuringADatabaseOutageGetARetryableProblemAndTheServiceRecoversByItself() {
        String alice = Tokens.newUserId("alice");
        createCommunity(alice).statusCode(201);

        platform.infrastructure().postgres().stop();
        try {
            createCommunity(alice)
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .body("status", equalTo(503));
        } finally {
            platform.infrastructure().postgres().restart();
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> createCommunity(alice).extract().statusCode() == 201);
        given().baseUri(platform.gatewayUrl()).auth().oauth2(Tokens.forUser(alice))
                .when().get("/api/interests")
                .then().statusCode(200);
        // Every service reconnects by itself and reports ready again, without a restart.
        for (LocalService service : platform.services()) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> given().baseUri(service.baseUrl()).get("/q/health/ready").statusCode() == 200);
        }
    }

    private static io.restassured.response.ValidatableResponse createCommunity(String owner) {
        return given().baseUri(platform.gatewayUrl()).auth().oauth2(Tokens.forUser(owner))
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Night Market Food\",\"interests\":[\"food\"],\"city\":\"Taipei\","
                        + "\"location\":{\"lat\":25.03,\"lon\":121.56},\"visibility\":\"PUBLIC\"}")
                .when().post("/api/communities")
                .then();
    }
}
