package io.circles.community;

import static io.circles.community.Fixtures.as;
import static io.circles.community.Fixtures.communityJson;
import static io.circles.community.Fixtures.createCommunity;
import static io.circles.community.Fixtures.createCommunityFrom;
import static io.circles.community.Fixtures.join;
import static io.circles.community.Fixtures.moderator;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.circles.events.Topics;
import io.circles.events.community.CommunityArchived;
import io.circles.events.community.CommunityCreated;
import io.circles.events.community.CommunityUpdated;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.ReceivedEvent;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "community"))
class CommunityDiscoveryIT {

    @Test
    void ownerAndModeratorsEditAndUpdatedCarriesTheNewState() {
        String owner = Tokens.newUserId("owner");
        String mod = Tokens.newUserId("mod");
        String member = Tokens.newUserId("member");
        String id = createCommunity(owner, "PUBLIC");
        moderator(owner, mod, id);
        join(member, id).statusCode(201);

        as(member).body("{\"name\":\"Mine now\"}").patch("/api/communities/" + id).then().statusCode(403);
        as(mod).body("{\"interests\":[\"knitting-with-cats\"]}").patch("/api/communities/" + id).then()
                .statusCode(400).body("errors[0].field", equalTo("interests[0]"));
        as(mod).body("{\"name\":\"   \"}").patch("/api/communities/" + id).then().statusCode(400);
        as(mod).body("{\"location\":{\"lat\":100,\"lon\":0}}").patch("/api/communities/" + id).then().statusCode(400);
        try (KafkaProbe probe = KafkaProbe.on(Topics.COMMUNITY_EVENTS)) {
            as(mod).body("{\"name\":\"Dawn Hikers\",\"interests\":[\"hiking\",\"camping\"]}")
                    .patch("/api/communities/" + id).then().statusCode(200).body("name", equalTo("Dawn Hikers"))
                    .body("memberCount", equalTo(3));
            as(mod).body("{\"name\":\"Dawn Hikers\"}").patch("/api/communities/" + id).then().statusCode(200);
            ReceivedEvent updated = probe.await(CommunityUpdated.TYPE, id).assertMatchesSchema();
            assertEquals("Dawn Hikers", updated.json().get("name").asText());
            assertEquals(2, updated.json().get("interests").size());
            assertEquals(1, probe.all(e -> CommunityUpdated.TYPE.equals(e.type()) && e.key().equals(id),
                    Duration.ofSeconds(1)).size(), "an edit that changes nothing emits nothing");
        }
        assertEquals(3, Fixtures.memberCount(owner, id));
    }

    @Test
    void onlyTheOwnerArchivesAndAnArchivedCommunityTakesNoMembers() {
        String owner = Tokens.newUserId("owner");
        String mod = Tokens.newUserId("mod");
        String id = createCommunity(owner, "PUBLIC");
        moderator(owner, mod, id);
        as(mod).delete("/api/communities/" + id).then().statusCode(403);
        try (KafkaProbe probe = KafkaProbe.on(Topics.COMMUNITY_EVENTS)) {
            as(owner).delete("/api/communities/" + id).then().statusCode(204);
            as(owner).delete("/api/communities/" + id).then().statusCode(204);
            ReceivedEvent archived = probe.await(CommunityArchived.TYPE, id).assertMatchesSchema();
            assertEquals(owner, archived.json().get("archivedBy").asText());
            assertEquals(1, probe.all(e -> CommunityArchived.TYPE.equals(e.type()) && e.key().equals(id),
                    Duration.ofSeconds(1)).size());
        }
        as(owner).get("/api/communities/" + id).then().statusCode(200).body("status", equalTo("ARCHIVED"));
        join(Tokens.newUserId("late"), id).statusCode(409);
        as(owner).body("{\"name\":\"Revived\"}").patch("/api/communities/" + id).then().statusCode(409);
    }

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyCreatesOneCommunity() {
        String owner = Tokens.newUserId("owner");
        String city = "Idem-" + UUID.randomUUID();
        String body = communityJson("Once", "PUBLIC", city, 10, 10, "tea", "only once");
        String first;
        try (KafkaProbe probe = KafkaProbe.on(Topics.COMMUNITY_EVENTS)) {
            first = as(owner).header("Idempotency-Key", "create-1").body(body).post("/api/communities")
                    .then().statusCode(201).extract().path("id");
            as(owner).header("Idempotency-Key", "create-1").body(body).post("/api/communities")
                    .then().statusCode(201).body("id", equalTo(first));
            as(Tokens.newUserId("other")).header("Idempotency-Key", "create-1").body(body)
                    .post("/api/communities").then().statusCode(201);
            probe.await(CommunityCreated.TYPE, first);
            assertEquals(1, probe.all(e -> CommunityCreated.TYPE.equals(e.type())
                    && e.json().get("ownerId").asText().equals(owner), Duration.ofSeconds(1)).size());
        }
        as(owner).queryParam("city", city).queryParam("member", "me").get("/api/communities").then().statusCode(200)
                .body("items.id", contains(first));
    }

    @Test
    void nearFindsCommunitiesWithinTheRadiusClosestFirstWithTheirDistance() {
        String owner = Tokens.newUserId("owner");
        String city = "Near-" + UUID.randomUUID();
        // Around Hamburg: the centre, ~11 km east, ~34 km south, ~255 km away in Berlin's direction.
        String centre = create(owner, "Centre", city, 53.5511, 9.9937, "cycling", "x");
        String east = create(owner, "East", city, 53.5511, 10.1600, "cycling", "x");
        String south = create(owner, "South", city, 53.2500, 9.9937, "cycling", "x");
        create(owner, "Far", city, 52.52, 13.405, "cycling", "x");

        List<Float> distances = as(owner).queryParam("city", city).queryParam("near", "53.5511,9.9937")
                .queryParam("radiusKm", 50).get("/api/communities").then().statusCode(200)
                .body("items.id", contains(centre, east, south))
                .extract().path("items.distanceKm");
        assertEquals(0.0, distances.get(0), 0.001);
        assertEquals(11.0, distances.get(1), 0.3);
        assertEquals(33.5, distances.get(2), 0.3);
        as(owner).queryParam("city", city).queryParam("near", "53.5511,9.9937").queryParam("radiusKm", 20)
                .get("/api/communities").then().body("items.id", contains(centre, east));
        as(owner).queryParam("near", "91,0").get("/api/communities").then().statusCode(400)
                .body("errors[0].field", equalTo("near"));
        as(owner).queryParam("near", "abc").get("/api/communities").then().statusCode(400);
        as(owner).queryParam("near", "1,1").queryParam("radiusKm", -1).get("/api/communities").then().statusCode(400);
        as(owner).queryParam("sort", "nearby").get("/api/communities").then().statusCode(400);
        as(owner).queryParam("sort", "loudest").get("/api/communities").then().statusCode(400);
    }

    @Test
    void textSearchRanksNameMatchesFirstAndFiltersCombine() {
        String owner = Tokens.newUserId("owner");
        String city = "Text-" + UUID.randomUUID();
        String word = "zq" + UUID.randomUUID().toString().substring(0, 8);
        String inDescription = create(owner, "Evening walks", city, 1, 1, "hiking", "we love " + word);
        String inName = create(owner, "The " + word + " club", city, 1, 1, "hiking", "all about " + word);
        create(owner, "Unrelated", city, 1, 1, "hiking", "nothing here");
        String otherInterest = create(owner, word + " anglers", city, 1, 1, "fishing", "x");

        as(owner).queryParam("q", word).queryParam("city", city.toUpperCase()).get("/api/communities").then()
                .statusCode(200).body("items.id", contains(inName, otherInterest, inDescription));
        as(owner).queryParam("q", word).queryParam("interest", "hiking").get("/api/communities").then()
                .statusCode(200).body("items.id", contains(inName, inDescription));
        as(owner).queryParam("interest", "knitting").get("/api/communities").then().statusCode(400);
    }

    @Test
    void popularSortsByMemberCountAndMemberMeListsTheCallersCommunities() {
        String owner = Tokens.newUserId("owner");
        String fan = Tokens.newUserId("fan");
        String city = "Pop-" + UUID.randomUUID();
        String quiet = create(owner, "Quiet", city, 2, 2, "books", "x");
        String busy = create(owner, "Busy", city, 2, 2, "books", "x");
        for (int i = 0; i < 3; i++) {
            join(Tokens.newUserId("reader"), busy).statusCode(201);
        }
        join(fan, busy).statusCode(201);
        as(owner).queryParam("city", city).queryParam("sort", "popular").get("/api/communities").then()
                .statusCode(200).body("items.id", contains(busy, quiet)).body("items[0].memberCount", equalTo(5));
        as(fan).queryParam("member", "me").get("/api/communities").then().statusCode(200)
                .body("items.id", contains(busy)).body("items[0].membership.role", equalTo("MEMBER"));
        as(fan).queryParam("member", "you").get("/api/communities").then().statusCode(400);
    }

    @Test
    void pagingNeverRepeatsOrSkipsWhileCommunitiesAreCreated() {
        String owner = Tokens.newUserId("owner");
        String city = "Page-" + UUID.randomUUID();
        Set<String> before = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            before.add(create(owner, "C" + i, city, 3, 3, "music", "x"));
        }
        for (String sort : List.of("new", "popular", "nearby")) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                RequestSpecification request = as(owner).queryParam("city", city).queryParam("sort", sort)
                        .queryParam("limit", 3);
                if ("nearby".equals(sort)) {
                    request.queryParam("near", "3,3");
                }
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                var page = request.get("/api/communities").then().statusCode(200).extract();
                seen.addAll(page.path("items.id"));
                cursor = page.path("nextCursor");
                // Others create communities between our pages.
                create(owner, "Inserted " + sort + pages, city, 3, 3, "music", "x");
                pages++;
            } while (cursor != null && pages < 20);
            assertEquals(seen.size(), new HashSet<>(seen).size(), sort + ": no community twice");
            assertTrue(seen.containsAll(before), sort + ": every community that existed before is seen");
        }
        as(owner).queryParam("city", city).queryParam("sort", "popular")
                .queryParam("cursor", io.circles.community.web.PageRequest.encode("NEW", "x", "y"))
                .get("/api/communities").then().statusCode(400);
    }

    private static String create(String owner, String name, String city, double lat, double lon, String interest,
            String description) {
        return createCommunityFrom(owner, communityJson(name, "PUBLIC", city, lat, lon, interest, description));
    }
}
