package io.circles.community;

import static io.circles.community.Fixtures.as;
import static io.circles.community.Fixtures.communityJson;
import static io.circles.community.Fixtures.createCommunityFrom;
import static io.circles.community.Fixtures.member;
import static io.circles.community.Fixtures.post;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Hashtags become topics: topic lists and trending, for readers who may see the posts. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "community"))
class TopicIT {

    @Test
    void chineseFullWidthAndLatinHashtagsListTheirPostsNewestFirst() {
        String owner = Tokens.newUserId("owner");
        String reader = Tokens.newUserId("reader");
        String tag = "徒步" + unique();
        String id = community(owner, "PUBLIC", city());
        String first = post(owner, id, "周末 #" + tag + " 西湖边");
        String second = post(owner, id, "又一次＃" + tag + "，好累");
        String latin = post(owner, id, "Morning #Coffee" + tag + " and #" + tag + "!");

        as(reader).get("/api/topics/{tag}/posts", tag).then().statusCode(200)
                .body("items.id", contains(latin, second, first));
        // The tag in the path may carry its mark, full-width or not; Latin is case-folded.
        as(reader).get("/api/topics/{tag}/posts", "＃" + tag).then().statusCode(200)
                .body("items.id", contains(latin, second, first));
        as(reader).get("/api/topics/{tag}/posts", "COFFEE" + tag).then().statusCode(200)
                .body("items.id", contains(latin));
        as(reader).queryParam("limit", 2).get("/api/topics/{tag}/posts", "#" + tag).then().statusCode(200)
                .body("items.id", contains(latin, second));
    }

    @Test
    void aPostPublishedWithAnIdempotencyKeyGetsItsTopicsToo() {
        String owner = Tokens.newUserId("owner");
        String tag = "骑行" + unique();
        String id = community(owner, "PUBLIC", city());
        String postId = as(owner).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"text\":\"#" + tag + " 环湖\"}").post("/api/communities/" + id + "/posts")
                .then().statusCode(201).extract().path("id");
        as(owner).get("/api/topics/{tag}/posts", tag).then().statusCode(200).body("items.id", contains(postId));
    }

    @Test
    void aPrivateCommunitysTaggedPostsShowOnlyToItsMembers() {
        String owner = Tokens.newUserId("owner");
        String insider = Tokens.newUserId("insider");
        String outsider = Tokens.newUserId("outsider");
        String tag = "露营" + unique();
        String city = city();
        String closed = community(owner, "PRIVATE", city);
        member(owner, insider, closed);
        String secret = post(owner, closed, "#" + tag + " 只给成员看");

        as(insider).get("/api/topics/{tag}/posts", tag).then().statusCode(200).body("items.id", contains(secret));
        as(outsider).get("/api/topics/{tag}/posts", tag).then().statusCode(200).body("items", empty());
        as(outsider).queryParam("city", city).get("/api/topics/trending").then().statusCode(200)
                .body("items", empty());
    }

    @Test
    void editingAndRemovingPostsMovesThemBetweenTopics() {
        String owner = Tokens.newUserId("owner");
        String before = "before" + unique();
        String after = "之后" + unique();
        String id = community(owner, "PUBLIC", city());
        String postId = post(owner, id, "#" + before);

        as(owner).body("{\"text\":\"now #" + after + "\"}").patch("/api/posts/" + postId).then().statusCode(200);
        as(owner).get("/api/topics/{tag}/posts", before).then().statusCode(200).body("items", empty());
        as(owner).get("/api/topics/{tag}/posts", after).then().statusCode(200).body("items.id", contains(postId));

        as(owner).delete("/api/posts/" + postId).then().statusCode(204);
        as(owner).get("/api/topics/{tag}/posts", after).then().statusCode(200).body("items", empty());
    }

    @Test
    void trendingCountsTheLastDaysPublicPostsPerTopicInACity() {
        String owner = Tokens.newUserId("owner");
        String city = city();
        String id = community(owner, "PUBLIC", city);
        String elsewhere = community(owner, "PUBLIC", city());
        post(owner, id, "#徒步 #Coffee");
        post(owner, id, "#徒步 again ＃徒步");
        post(owner, id, "#徒步");
        String removed = post(owner, id, "#coffee #咖啡");
        post(owner, id, "#coffee");
        post(owner, elsewhere, "#咖啡 #咖啡馆");
        as(owner).delete("/api/posts/" + removed).then().statusCode(204);

        as(owner).queryParam("city", city).get("/api/topics/trending").then().statusCode(200)
                .body("items.tag", contains("徒步", "coffee"))
                .body("items.postCount", contains(3, 2));
        as(owner).queryParam("city", city.toUpperCase()).queryParam("limit", 1).get("/api/topics/trending")
                .then().statusCode(200).body("items.tag", contains("徒步"));
    }

    @Test
    void aTopicThatIsNoTagIsAFieldError() {
        String user = Tokens.newUserId("user");
        as(user).get("/api/topics/{tag}/posts", "two words").then().statusCode(400)
                .body("errors[0].field", equalTo("tag"));
        as(user).get("/api/topics/{tag}/posts", "123").then().statusCode(400);
        as(user).queryParam("limit", 0).get("/api/topics/trending").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        as(user).queryParam("city", "x".repeat(81)).get("/api/topics/trending").then().statusCode(400)
                .body("errors[0].field", equalTo("city"));
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8).replace('-', 'x');
    }

    private static String city() {
        return "City-" + UUID.randomUUID();
    }

    private static String community(String owner, String visibility, String city) {
        return createCommunityFrom(owner, communityJson("徒步俱乐部", visibility, city, 30.25, 120.16, "hiking",
                "山里走走"));
    }
}
