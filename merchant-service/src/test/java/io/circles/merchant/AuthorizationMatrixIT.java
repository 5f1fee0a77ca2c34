package io.circles.merchant;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** Every call against every kind of caller: anonymous, a user, the owner, another merchant's owner, an admin. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "merchant"))
class AuthorizationMatrixIT {

    private static final List<String> ACTORS = List.of("anonymous", "user", "owner", "rival", "admin");

    @Test
    void eachCallAnswersEachKindOfCallerAsTheContractSays() {
        String owner = Tokens.newUserId("owner");
        String rival = Tokens.newUserId("rival");
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("anonymous", null);
        tokens.put("user", Tokens.forUser(Tokens.newUserId("user")));
        tokens.put("owner", Tokens.forUser(owner));
        tokens.put("rival", Tokens.forUser(rival));
        tokens.put("admin", Fixtures.adminToken());
        String merchant = Fixtures.activeMerchant(owner);
        Fixtures.activeMerchant(rival);
        String post = Fixtures.post(owner, merchant);
        String product = given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                .body("{\"title\":\"Mug\",\"priceCents\":3900,\"currency\":\"CNY\",\"stock\":3,\"images\":[]}")
                .when().post("/api/merchants/" + merchant + "/products").then().statusCode(201).extract().path("id");
        String promotion = given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                .body(promotionJson(post)).when().post("/api/merchants/" + merchant + "/promotions")
                .then().statusCode(201).extract().path("id");
        String m = "/api/merchants/" + merchant;

        List<String> mismatches = new ArrayList<>();
        check(mismatches, tokens, "GET merchant", spec -> spec.get(m), 401, 200, 200, 200, 200);
        check(mismatches, tokens, "GET posts", spec -> spec.get(m + "/posts"), 401, 200, 200, 200, 200);
        check(mismatches, tokens, "GET products", spec -> spec.get(m + "/products"), 401, 200, 200, 200, 200);
        check(mismatches, tokens, "POST post", spec -> spec.contentType(ContentType.JSON).body("{\"text\":\"hi\"}")
                .post(m + "/posts"), 401, 403, 201, 403, 403);
        check(mismatches, tokens, "DELETE post", spec -> spec.delete(m + "/posts/" + Fixtures.post(owner, merchant)),
                401, 403, 204, 403, 204);
        check(mismatches, tokens, "POST product", spec -> spec.contentType(ContentType.JSON)
                .body("{\"title\":\"Cup\",\"priceCents\":100,\"currency\":\"CNY\",\"stock\":1}")
                .post(m + "/products"), 401, 403, 201, 403, 403);
        check(mismatches, tokens, "PATCH product", spec -> spec.contentType(ContentType.JSON)
                .body("{\"stock\":" + System.nanoTime() % 1000 + "}")
                .patch(m + "/products/" + product), 401, 403, 200, 403, 403);
        check(mismatches, tokens, "POST promotion", spec -> spec.contentType(ContentType.JSON).body(promotionJson(post))
                .post(m + "/promotions"), 401, 403, 201, 403, 403);
        check(mismatches, tokens, "GET promotion", spec -> spec.get("/api/promotions/" + promotion),
                401, 404, 200, 404, 200);
        check(mismatches, tokens, "POST pause", spec -> spec.post("/api/promotions/" + promotion + "/pause"),
                401, 404, 200, 404, 404);
        check(mismatches, tokens, "PUT follow", spec -> spec.put(m + "/followers/me"), 401, 200, 200, 200, 200);
        check(mismatches, tokens, "POST approve", spec -> spec.post(m + "/approve"), 401, 403, 403, 403, 200);
        check(mismatches, tokens, "POST suspend", spec -> spec.post(m + "/suspend"), 401, 403, 403, 403, 200);
        assertEquals(List.of(), mismatches);
    }

    private static void check(List<String> mismatches, Map<String, String> tokens, String call,
            Function<RequestSpecification, Response> request,
            int... expected) {
        for (int i = 0; i < ACTORS.size(); i++) {
            String actor = ACTORS.get(i);
            String token = tokens.get(actor);
            Supplier<RequestSpecification> spec = () -> token == null ? given() : given().auth().oauth2(token);
            int status = request.apply(spec.get().when()).statusCode();
            if (status != expected[i]) {
                mismatches.add(call + " as " + actor + ": expected " + expected[i] + " but was " + status);
            }
        }
    }

    private static String promotionJson(String post) {
        Instant now = Instant.now();
        return "{\"postId\":\"" + post + "\",\"budgetImpressions\":100,\"targeting\":{\"interests\":[\"coffee\"],"
                + "\"cities\":[\"Hangzhou\"]},\"startsAt\":\"" + now.minusSeconds(60) + "\",\"endsAt\":\""
                + now.plusSeconds(3600) + "\"}";
    }
}
