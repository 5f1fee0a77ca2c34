package io.circles.event;

import static io.circles.event.Scenario.community;
import static io.circles.event.Scenario.inDays;
import static io.circles.event.Scenario.join;
import static io.circles.event.Scenario.postActivity;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "event"))
class DiscoveryIT {

    @Test
    void aCommunitysActivitiesComeSoonestFirstAndPagesNeitherRepeatNorSkip() {
        String owner = Tokens.newUserId("owner");
        String community = community(owner, "PUBLIC");
        List<String> expected = new ArrayList<>();
        for (int day : new int[] {5, 2, 9, 3, 7}) {
            expected.add(day + ":" + create(owner, community, inDays(day), 30.26, 120.16));
        }
        List<String> soonestFirst = expected.stream()
                .sorted((a, b) -> Integer.compare(Integer.parseInt(a.split(":")[0]), Integer.parseInt(b.split(":")[0])))
                .map(entry -> entry.split(":")[1]).toList();

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = given().auth().oauth2(Tokens.forUser(owner))
                    .queryParam("communityId", community).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/activities").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
            if (pages++ == 0) {
                // An activity added after the first page sorts later and shows up once, not twice.
                String late = create(owner, community, inDays(10), 30.26, 120.16);
                soonestFirst = new ArrayList<>(soonestFirst);
                soonestFirst.add(late);
            }
        } while (cursor != null);
        assertEquals(soonestFirst, seen);
    }

    @Test
    void nearFindsActivitiesByRealDistanceAndTimeAndInterestNarrowTheList() {
        String owner = Tokens.newUserId("owner");
        String interest = "hiking-" + UUID.randomUUID().toString().substring(0, 8);
        String community = community(owner, "PUBLIC", interest, 30.27, 120.15);
        String hangzhou = create(owner, community, inDays(3), 30.26, 120.16);
        String shanghai = create(owner, community, inDays(4), 31.23, 121.47);
        String laterInHangzhou = create(owner, community, inDays(20), 30.25, 120.17);

        list(owner, Map.of("interest", interest)).body("items.id", contains(hangzhou, shanghai, laterInHangzhou));
        list(owner, Map.of("interest", interest, "near", "30.26,120.16", "radiusKm", "10"))
                .body("items.id", contains(hangzhou, laterInHangzhou));
        list(owner, Map.of("interest", interest, "near", "30.26,120.16", "radiusKm", "200"))
                .body("items.id", contains(hangzhou, shanghai, laterInHangzhou));
        list(owner, Map.of("interest", interest, "from", inDays(1).toString(), "to", inDays(10).toString()))
                .body("items.id", contains(hangzhou, shanghai));
    }

    @Test
    void privateCommunitiesActivitiesAreListedOnlyForMembers() {
        String owner = Tokens.newUserId("owner");
        String member = Tokens.newUserId("member");
        String outsider = Tokens.newUserId("outsider");
        String interest = "wine-" + UUID.randomUUID().toString().substring(0, 8);
        String community = community(owner, "PRIVATE", interest, 30.27, 120.15);
        join(community, member);
        String id = create(owner, community, inDays(3), 30.26, 120.16);

        list(member, Map.of("interest", interest)).body("items.id", contains(id));
        list(outsider, Map.of("interest", interest)).body("items.size()", equalTo(0));
        list(outsider, Map.of("communityId", community)).body("items.size()", equalTo(0));
    }

    @Test
    void badDiscoveryParametersGetProblems() {
        String user = Tokens.newUserId("user");
        for (Map<String, String> bad : List.of(Map.of("limit", "0"), Map.of("limit", "101"), Map.of("limit", "x"),
                Map.of("near", "north"), Map.of("near", "95,10"), Map.of("radiusKm", "5"),
                Map.of("near", "30,120", "radiusKm", "-1"), Map.of("from", "yesterday"),
                Map.of("from", "2030-01-02T00:00:00Z", "to", "2030-01-01T00:00:00Z"), Map.of("cursor", "%%%"))) {
            list(user, bad).statusCode(400).contentType("application/problem+json");
        }
    }

    private static io.restassured.response.ValidatableResponse list(String user, Map<String, String> params) {
        return given().auth().oauth2(Tokens.forUser(user)).queryParams(params).get("/api/activities").then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(400)));
    }

    private static String create(String owner, String community, Instant startsAt, double lat, double lon) {
        return postActivity(owner, "{\"communityId\":\"" + community + "\",\"title\":\"Walk\",\"startsAt\":\""
                + startsAt + "\",\"endsAt\":\"" + startsAt.plus(2, ChronoUnit.HOURS)
                + "\",\"venue\":{\"name\":\"Spot\",\"lat\":" + lat + ",\"lon\":" + lon + "},\"capacity\":20}")
                .statusCode(201).extract().path("id");
    }
}
