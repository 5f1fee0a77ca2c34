package io.circles.community;

import static io.circles.community.Fixtures.as;
import static io.circles.community.Fixtures.communityJson;
import static io.circles.community.Fixtures.createCommunityFrom;
import static io.circles.community.Fixtures.join;
import static io.circles.community.Fixtures.member;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** "Communities you may like": co-membership, interests and city; never joined, banned or private ones. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "community"))
class RecommendationIT {

    @Test
    void whatFellowMembersJoinedComesFirstThenTheCallersInterestsInTheirCity() {
        String owner = Tokens.newUserId("owner");
        String ann = Tokens.newUserId("ann");
        String city = "City-" + UUID.randomUUID();
        String farCity = "City-" + UUID.randomUUID();
        String mine = community(owner, "PUBLIC", city, "photography");
        join(ann, mine).statusCode(201);
        String fellowsJoined = community(owner, "PUBLIC", farCity, "boardgames");
        String sameTaste = community(owner, "PUBLIC", city, "photography");
        String secret = community(owner, "PRIVATE", city, "photography");
        String banned = community(owner, "PUBLIC", city, "photography");
        String joinedToo = community(owner, "PUBLIC", farCity, "boardgames");
        for (int i = 0; i < 3; i++) {
            String fellow = Tokens.newUserId("fellow");
            join(fellow, mine).statusCode(201);
            join(fellow, fellowsJoined).statusCode(201);
            member(owner, fellow, secret);
            join(fellow, banned).statusCode(201);
        }
        join(ann, banned).statusCode(201);
        as(owner).body("{\"userId\":\"" + ann + "\",\"reason\":\"spam\"}").post("/api/communities/" + banned + "/bans")
                .then().statusCode(201);
        join(ann, joinedToo).statusCode(201);

        List<String> items = recommended(ann);
        assertTrue(items.indexOf(fellowsJoined) == 0, () -> "co-membership first: " + items);
        assertTrue(items.indexOf(sameTaste) > 0, () -> "same interest and city: " + items);
        assertFalse(items.contains(mine), "a community the caller belongs to");
        assertFalse(items.contains(joinedToo), "a community the caller belongs to");
        assertFalse(items.contains(secret), "a private community");
        assertFalse(items.contains(banned), "a community the caller is banned from");
    }

    @Test
    void aNewcomerGetsPublicCommunitiesAndAPrivateOneNeverShows() {
        String owner = Tokens.newUserId("owner");
        String secret = community(owner, "PRIVATE", "City-" + UUID.randomUUID(), "wine");
        List<String> items = recommended(Tokens.newUserId("newcomer"));
        assertFalse(items.isEmpty());
        assertFalse(items.contains(secret));
        as(owner).queryParam("limit", 0).get("/api/communities/recommended").then().statusCode(400);
        as(owner).queryParam("limit", 1).get("/api/communities/recommended").then().statusCode(200);
    }

    private static String community(String owner, String visibility, String city, String interest) {
        return createCommunityFrom(owner, communityJson("Club " + interest, visibility, city, 30.25, 120.16, interest,
                "For " + interest));
    }

    private static List<String> recommended(String user) {
        return as(user).queryParam("limit", 100).get("/api/communities/recommended").then().statusCode(200)
                .extract().path("items.id");
    }
}
