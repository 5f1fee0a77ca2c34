package io.circles.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import io.circles.test.Tokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** People through the gateway: a name set once shows on old feed cards; a blocked author vanishes for the blocker. */
class PeopleIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static PlatformUnderTest platform;

    @BeforeAll
    static void startPlatform() {
        platform = PlatformUnderTest.get();
    }

    @Test
    void aNameSetOnceShowsOnAMembersFeedCardOfAnOlderPost() {
        String owner = Tokens.newUserId("owner");
        String writer = Tokens.newUserId("writer");
        String community = community(owner);
        as(writer).post("/api/communities/" + community + "/members").then().statusCode(201);
        String post = post(writer, community, "Dawn ride, 40 km");
        await().atMost(WAIT).until(() -> home(owner).getList("items.id").contains(post));

        as(writer).body("{\"displayName\":\" Wen 文 \",\"city\":\"Chengdu\",\"interests\":[\"cycling\"]}")
                .put("/api/people/me").then().statusCode(200);

        await().atMost(WAIT).until(() -> "Wen 文".equals(home(owner).getString("items.find { it.id == '" + post
                + "' }.authorProfile.displayName")));
        assertEquals("Wen 文", as(owner).get("/api/communities/" + community + "/posts").then().statusCode(200)
                .extract().jsonPath().getString("items[0].authorProfile.displayName"));
    }

    @Test
    void aBlockedAuthorVanishesFromEveryListOfTheBlockerAndOfNoOneElse() {
        String owner = Tokens.newUserId("owner");
        String troll = Tokens.newUserId("troll");
        String bystander = Tokens.newUserId("bystander");
        String community = community(owner);
        as(troll).post("/api/communities/" + community + "/members").then().statusCode(201);
        as(bystander).post("/api/communities/" + community + "/members").then().statusCode(201);
        String ownersPost = post(owner, community, "Route for Sunday");
        String trollsPost = post(troll, community, "Buy my stuff");
        as(troll).body("{\"text\":\"first!\"}").post("/api/posts/" + ownersPost + "/comments").then().statusCode(201);
        await().atMost(WAIT).until(() -> home(owner).getList("items.id").contains(trollsPost)
                && home(bystander).getList("items.id").contains(trollsPost));

        as(owner).put("/api/people/me/blocks/" + troll).then().statusCode(204);

        await().atMost(WAIT).until(() -> !home(owner).getList("items.id").contains(trollsPost));
        assertFalse(feed(owner, "/api/feeds/communities/" + community).getList("items.id").contains(trollsPost));
        assertFalse(list(owner, "/api/communities/" + community + "/posts").contains(trollsPost));
        assertEquals(List.of(), list(owner, "/api/posts/" + ownersPost + "/comments"));
        as(troll).body("{\"text\":\"again\"}").post("/api/posts/" + ownersPost + "/comments").then().statusCode(403)
                .contentType("application/problem+json");
        as(troll).body("{\"type\":\"LIKE\"}").put("/api/posts/" + ownersPost + "/reactions/me").then()
                .statusCode(403);

        assertTrue(home(bystander).getList("items.id").contains(trollsPost), "others still see the author");
        assertTrue(list(bystander, "/api/communities/" + community + "/posts").contains(trollsPost));
        assertEquals(1, list(bystander, "/api/posts/" + ownersPost + "/comments").size());
        assertTrue(home(troll).getList("items.id").contains(ownersPost), "the blocked person sees no change");
    }

    private static RequestSpecification as(String user) {
        return given().baseUri(platform.gatewayUrl()).auth().oauth2(Tokens.forUser(user))
                .contentType(ContentType.JSON);
    }

    private static String community(String owner) {
        return as(owner).body("{\"name\":\"People Riders\",\"description\":\"Easy loops\",\"interests\":[\"cycling\"],"
                + "\"city\":\"Chengdu\",\"location\":{\"lat\":30.66,\"lon\":104.06},\"visibility\":\"PUBLIC\"}")
                .post("/api/communities").then().statusCode(201).extract().path("id");
    }

    private static String post(String author, String community, String text) {
        return as(author).body("{\"text\":\"" + text + "\"}").post("/api/communities/" + community + "/posts")
                .then().statusCode(201).extract().path("id");
    }

    private static JsonPath home(String user) {
        return feed(user, "/api/feeds/me");
    }

    private static JsonPath feed(String user, String path) {
        return as(user).get(path).then().statusCode(200).extract().jsonPath();
    }

    private static List<String> list(String user, String path) {
        return as(user).get(path).then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
    }
}
