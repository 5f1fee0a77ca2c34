package io.circles.community;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;

import io.circles.test.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Calls the API as a given user, for tests that need a community, members and posts to act on. */
final class Fixtures {

    private Fixtures() {
    }

    static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.forUser(user)).contentType(ContentType.JSON);
    }

    static RequestSpecification asAdmin(String user) {
        return given().auth().oauth2(Tokens.forUser(user, "platform-admin")).contentType(ContentType.JSON);
    }

    static String communityJson(String name, String visibility, String city, double lat, double lon,
            String interest, String description) {
        return "{\"name\":\"" + name + "\",\"description\":\"" + description + "\",\"interests\":[\"" + interest
                + "\"],\"city\":\"" + city + "\",\"location\":{\"lat\":" + lat + ",\"lon\":" + lon
                + "},\"visibility\":\"" + visibility + "\",\"joinQuestion\":\"Why do you want to join?\"}";
    }

    static String createCommunity(String owner, String visibility) {
        return createCommunityFrom(owner, communityJson("Weekend Hikers", visibility, "Hangzhou", 30.27, 120.15,
                "hiking", "Trails around the lake"));
    }

    static String createCommunityFrom(String owner, String json) {
        return as(owner).body(json).when().post("/api/communities")
                .then().statusCode(201).body("id", notNullValue()).extract().path("id");
    }

    static ValidatableResponse join(String user, String communityId) {
        return given().auth().oauth2(Tokens.forUser(user)).when().post("/api/communities/" + communityId + "/members")
                .then();
    }

    /** A member of a public community, or an approved member of a private one. */
    static void member(String owner, String user, String communityId) {
        int status = join(user, communityId).extract().statusCode();
        if (status != 201 && status != 200) {
            throw new AssertionError("join failed with " + status);
        }
        String state = given().auth().oauth2(Tokens.forUser(user)).get("/api/communities/" + communityId)
                .then().extract().path("membership.status");
        if ("PENDING".equals(state)) {
            as(owner).post("/api/communities/" + communityId + "/join-requests/" + user + "/approve")
                    .then().statusCode(200);
        }
    }

    static void moderator(String owner, String user, String communityId) {
        member(owner, user, communityId);
        as(owner).body("{\"role\":\"MODERATOR\"}").put("/api/communities/" + communityId + "/members/" + user + "/role")
                .then().statusCode(200);
    }

    static String post(String author, String communityId, String text) {
        return as(author).body("{\"text\":\"" + text + "\"}").post("/api/communities/" + communityId + "/posts")
                .then().statusCode(201).extract().path("id");
    }

    static int memberCount(String user, String communityId) {
        return given().auth().oauth2(Tokens.forUser(user)).get("/api/communities/" + communityId)
                .then().statusCode(200).extract().path("memberCount");
    }
}
