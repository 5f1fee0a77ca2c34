package io.circles.community;

import static io.circles.community.Fixtures.as;
import static io.circles.community.Fixtures.communityJson;
import static io.circles.community.Fixtures.createCommunityFrom;
import static io.circles.community.Fixtures.member;
import static io.circles.community.Fixtures.post;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Chinese-aware search of communities and posts; each test works in a city of its own. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "community"))
class SearchIT {

    @Test
    void aChineseWordInsideARunOfCharactersFindsTheCommunity() {
        String owner = Tokens.newUserId("owner");
        String city = city();
        String westLake = community(owner, "PUBLIC", city, "西湖咖啡社", "手冲和拿铁");
        String teaTrip = community(owner, "PUBLIC", city, "Weekend Walkers", "周末去龙井村喝茶");
        community(owner, "PUBLIC", city, "Morning Runners", "5 km before work");

        List<String> coffee = communities(owner, city, "咖啡");
        assertEquals(List.of(westLake), coffee);
        assertEquals(List.of(teaTrip), communities(owner, city, "龙井"));
        // One character matches too; characters that are not next to each other in the text do not.
        assertEquals(List.of(teaTrip), communities(owner, city, "茶"));
        assertEquals(List.of(), communities(owner, city, "龙村"));
        assertEquals(List.of(westLake), communities(owner, city, "西湖咖啡"));
    }

    @Test
    void mixedScriptAndFullWidthQueriesMatchAndNameMatchesRankFirst() {
        String owner = Tokens.newUserId("owner");
        String city = city();
        String inDescription = community(owner, "PUBLIC", city, "Lakeside Club", "每周六 latte art 和咖啡品鉴");
        String inName = community(owner, "PUBLIC", city, "Latte咖啡 Lab", "Pour-over mornings");

        // The name weighs more than the description, so the community named after the words comes first.
        assertEquals(List.of(inName, inDescription),
                communities(owner, city, "latte 咖啡"));
        assertEquals(List.of(inName, inDescription),
                communities(owner, city, "ＬＡＴＴＥ"));
        assertEquals(List.of(inName), communities(owner, city, "latte咖啡 lab"));
    }

    @Test
    void postSearchFindsChineseWordsInPostsTheCallerMayReadNewestFirst() {
        String owner = Tokens.newUserId("owner");
        String insider = Tokens.newUserId("insider");
        String outsider = Tokens.newUserId("outsider");
        String city = city();
        String open = community(owner, "PUBLIC", city, "徒步俱乐部", "山里走走");
        String closed = community(owner, "PRIVATE", city, "秘密徒步", "只给成员");
        member(owner, insider, closed);

        String older = post(owner, open, "周末去龙井村喝茶，然后爬山");
        String secret = post(owner, closed, "龙井村后山的小路");
        String newer = post(owner, open, "Longjing 龙井 tea trail");
        post(owner, open, "西湖边跑步");

        as(outsider).queryParam("q", "龙井").queryParam("city", city).get("/api/posts")
                .then().statusCode(200).body("items.id", contains(newer, older)).body("nextCursor", nullValue());
        as(insider).queryParam("q", "龙井").queryParam("city", city).get("/api/posts")
                .then().statusCode(200).body("items.id", contains(newer, secret, older));
        as(outsider).queryParam("q", "longjing 龙井").queryParam("city", city).get("/api/posts")
                .then().statusCode(200).body("items.id", contains(newer));

        // Pages follow one another without repeats.
        String cursor = as(insider).queryParam("q", "龙井").queryParam("city", city).queryParam("limit", 2)
                .get("/api/posts").then().statusCode(200).body("items.id", contains(newer, secret))
                .body("nextCursor", notNullValue()).extract().path("nextCursor");
        as(insider).queryParam("q", "龙井").queryParam("city", city).queryParam("limit", 2)
                .queryParam("cursor", cursor).get("/api/posts").then().statusCode(200)
                .body("items.id", contains(older)).body("nextCursor", nullValue());
    }

    @Test
    void aRemovedPostLeavesSearch() {
        String owner = Tokens.newUserId("owner");
        String city = city();
        String id = community(owner, "PUBLIC", city, "Tea House", "Oolong");
        String postId = post(owner, id, "今天的大红袍很好喝");
        as(owner).queryParam("q", "红袍").queryParam("city", city).get("/api/posts")
                .then().statusCode(200).body("items.id", contains(postId));
        as(owner).delete("/api/posts/" + postId).then().statusCode(204);
        as(owner).queryParam("q", "红袍").queryParam("city", city).get("/api/posts")
                .then().statusCode(200).body("items", empty());
    }

    @Test
    void anEditedPostIsFoundByItsNewText() {
        String owner = Tokens.newUserId("owner");
        String city = city();
        String id = community(owner, "PUBLIC", city, "Tea House", "Oolong");
        String postId = post(owner, id, "第一版文字");
        as(owner).body("{\"text\":\"改成碧螺春\"}").patch("/api/posts/" + postId).then().statusCode(200);
        as(owner).queryParam("q", "碧螺春").queryParam("city", city).get("/api/posts")
                .then().statusCode(200).body("items.id", contains(postId));
        as(owner).queryParam("q", "第一版").queryParam("city", city).get("/api/posts")
                .then().statusCode(200).body("items", empty());
    }

    @Test
    void badSearchParametersAreFieldErrors() {
        String user = Tokens.newUserId("user");
        as(user).queryParam("interest", "knitting-with-cats").get("/api/posts").then().statusCode(400)
                .body("errors[0].field", equalTo("interest"));
        as(user).queryParam("q", "咖".repeat(201)).get("/api/posts").then().statusCode(400)
                .body("errors[0].field", equalTo("q"));
        as(user).queryParam("cursor", "bm90IGEgY3Vyc29y").get("/api/posts").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        // Punctuation alone has no words to match: an empty page, not an error.
        as(user).queryParam("q", "，。！").get("/api/communities").then().statusCode(200).body("items", empty());
        as(user).queryParam("q", "'&|!:*()").get("/api/posts").then().statusCode(200).body("items", empty());
    }

    private static String city() {
        return "City-" + UUID.randomUUID();
    }

    private static String community(String owner, String visibility, String city, String name, String description) {
        return createCommunityFrom(owner, communityJson(name, visibility, city, 30.25, 120.16, "tea", description));
    }

    private static List<String> communities(String user, String city, String q) {
        return as(user).queryParam("q", q).queryParam("city", city).get("/api/communities")
                .then().statusCode(200).extract().path("items.id");
    }
}
