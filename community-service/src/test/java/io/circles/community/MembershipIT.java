package io.circles.community;

import static io.circles.community.Fixtures.as;
import static io.circles.community.Fixtures.createCommunity;
import static io.circles.community.Fixtures.join;
import static io.circles.community.Fixtures.member;
import static io.circles.community.Fixtures.memberCount;
import static io.circles.community.Fixtures.moderator;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.circles.events.Topics;
import io.circles.events.community.JoinRejected;
import io.circles.events.community.MemberBanned;
import io.circles.events.community.MemberJoined;
import io.circles.events.community.MemberLeft;
import io.circles.events.community.MemberRoleChanged;
import io.circles.events.community.MemberUnbanned;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.ReceivedEvent;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "community"))
class MembershipIT {

    @Test
    void leavingEndsTheMembershipOnceAndEmitsMemberLeftOnce() {
        String owner = Tokens.newUserId("owner");
        String bob = Tokens.newUserId("bob");
        String id = createCommunity(owner, "PUBLIC");
        join(bob, id).statusCode(201);
        try (KafkaProbe probe = KafkaProbe.on(Topics.COMMUNITY_EVENTS)) {
            as(bob).delete("/api/communities/" + id + "/members/me").then().statusCode(204);
            as(bob).delete("/api/communities/" + id + "/members/me").then().statusCode(204);

            ReceivedEvent left = probe.await(MemberLeft.TYPE, id).assertMatchesSchema();
            assertEquals(bob, left.json().get("userId").asText());
            assertEquals(id + "/members/" + bob, left.subject());
            assertEquals(1, probe.all(e -> MemberLeft.TYPE.equals(e.type()) && e.value().contains(bob),
                    Duration.ofSeconds(1)).size(), "a repeated leave emits nothing");
        }
        assertEquals(1, memberCount(bob, id));
        as(bob).get("/api/communities/" + id).then().body("membership", nullValue());
        join(bob, id).statusCode(201).body("status", equalTo("MEMBER"));
    }

    @Test
    void theOwnerMustHandOwnershipOverBeforeLeavingAndIsDemotedToModerator() {
        String owner = Tokens.newUserId("owner");
        String carol = Tokens.newUserId("carol");
        String id = createCommunity(owner, "PUBLIC");
        join(carol, id).statusCode(201);

        as(owner).delete("/api/communities/" + id + "/members/me")
                .then().statusCode(409).contentType("application/problem+json");
        as(owner).body("{\"role\":\"MEMBER\"}").put("/api/communities/" + id + "/members/" + owner + "/role")
                .then().statusCode(409);

        try (KafkaProbe probe = KafkaProbe.on(Topics.COMMUNITY_EVENTS)) {
            as(owner).body("{\"role\":\"OWNER\"}").put("/api/communities/" + id + "/members/" + carol + "/role")
                    .then().statusCode(200).body("role", equalTo("OWNER"));

            ReceivedEvent promoted = probe.await(e -> MemberRoleChanged.TYPE.equals(e.type())
                    && carol.equals(e.json().get("userId").asText()), Duration.ofSeconds(10)).assertMatchesSchema();
            assertEquals("OWNER", promoted.json().get("role").asText());
            ReceivedEvent demoted = probe.await(e -> MemberRoleChanged.TYPE.equals(e.type())
                    && owner.equals(e.json().get("userId").asText()), Duration.ofSeconds(10)).assertMatchesSchema();
            assertEquals("MODERATOR", demoted.json().get("role").asText());
            assertEquals(id, demoted.key());
        }
        as(owner).get("/api/communities/" + id).then().body("membership.role", equalTo("MODERATOR"))
                .body("ownerId", equalTo(carol));
        as(owner).body("{\"role\":\"MEMBER\"}").put("/api/communities/" + id + "/members/" + carol + "/role")
                .then().statusCode(403);
        as(owner).delete("/api/communities/" + id + "/members/me").then().statusCode(204);
        assertEquals(1, memberCount(carol, id));
    }

    @Test
    void approvingARequestAdmitsTheMemberOnceAndASecondDecisionIsNotFound() {
        String owner = Tokens.newUserId("owner");
        String dan = Tokens.newUserId("dan");
        String id = createCommunity(owner, "PRIVATE");
        as(dan).body("{\"answer\":\"I hike every weekend\"}").post("/api/communities/" + id + "/members")
                .then().statusCode(201).body("status", equalTo("PENDING"));

        as(owner).get("/api/communities/" + id + "/join-requests").then().statusCode(200)
                .body("items.userId", contains(dan)).body("items[0].answer", equalTo("I hike every weekend"))
                .body("nextCursor", nullValue());
        as(dan).get("/api/communities/" + id + "/join-requests").then().statusCode(403);

        try (KafkaProbe probe = KafkaProbe.on(Topics.COMMUNITY_EVENTS)) {
            as(owner).post("/api/communities/" + id + "/join-requests/" + dan + "/approve")
                    .then().statusCode(200).body("status", equalTo("MEMBER"));
            ReceivedEvent joined = probe.await(e -> MemberJoined.TYPE.equals(e.type())
                    && dan.equals(e.json().get("userId").asText()), Duration.ofSeconds(10)).assertMatchesSchema();
            assertEquals("MEMBER", joined.json().get("role").asText());
        }
        as(owner).post("/api/communities/" + id + "/join-requests/" + dan + "/approve")
                .then().statusCode(404).contentType("application/problem+json");
        as(owner).post("/api/communities/" + id + "/join-requests/" + dan + "/reject").then().statusCode(404);
        assertEquals(2, memberCount(dan, id));
        join(dan, id).statusCode(200).body("status", equalTo("MEMBER"));
    }

    @Test
    void aRejectedUserMayAskAgain() {
        String owner = Tokens.newUserId("owner");
        String mod = Tokens.newUserId("mod");
        String erin = Tokens.newUserId("erin");
        String id = createCommunity(owner, "PRIVATE");
        moderator(owner, mod, id);
        join(erin, id).statusCode(201).body("status", equalTo("PENDING"));
        try (KafkaProbe probe = KafkaProbe.on(Topics.COMMUNITY_EVENTS)) {
            as(mod).post("/api/communities/" + id + "/join-requests/" + erin + "/reject").then().statusCode(204);
            ReceivedEvent rejected = probe.await(JoinRejected.TYPE, id).assertMatchesSchema();
            assertEquals(erin, rejected.json().get("userId").asText());
            assertEquals(mod, rejected.json().get("decidedBy").asText());
        }
        as(mod).post("/api/communities/" + id + "/join-requests/" + erin + "/reject").then().statusCode(404);
        as(erin).get("/api/communities/" + id).then().body("membership", nullValue());
        join(erin, id).statusCode(201).body("status", equalTo("PENDING"));
        assertEquals(2, memberCount(owner, id));
    }

    @Test
    void aBanRemovesTheMemberAndBlocksRejoiningUntilLifted() {
        String owner = Tokens.newUserId("owner");
        String mod = Tokens.newUserId("mod");
        String troll = Tokens.newUserId("troll");
        String id = createCommunity(owner, "PUBLIC");
        moderator(owner, mod, id);
        join(troll, id).statusCode(201);
        assertEquals(3, memberCount(owner, id));

        try (KafkaProbe probe = KafkaProbe.on(Topics.COMMUNITY_EVENTS)) {
            as(mod).body("{\"userId\":\"" + troll + "\",\"reason\":\"spam\"}").post("/api/communities/" + id + "/bans")
                    .then().statusCode(201);
            as(mod).body("{\"userId\":\"" + troll + "\",\"reason\":\"spam\"}").post("/api/communities/" + id + "/bans")
                    .then().statusCode(200);
            ReceivedEvent banned = probe.await(MemberBanned.TYPE, id).assertMatchesSchema();
            assertEquals("spam", banned.json().get("reason").asText());
            assertEquals(1, probe.all(e -> MemberBanned.TYPE.equals(e.type()) && e.value().contains(troll),
                    Duration.ofSeconds(1)).size());

            assertEquals(2, memberCount(owner, id));
            join(troll, id).statusCode(403).contentType("application/problem+json");
            as(mod).body("{\"userId\":\"" + owner + "\"}").post("/api/communities/" + id + "/bans")
                    .then().statusCode(409);
            as(troll).body("{\"userId\":\"" + mod + "\"}").post("/api/communities/" + id + "/bans")
                    .then().statusCode(403);

            as(mod).delete("/api/communities/" + id + "/bans/" + troll).then().statusCode(204);
            as(mod).delete("/api/communities/" + id + "/bans/" + troll).then().statusCode(204);
            probe.await(MemberUnbanned.TYPE, id).assertMatchesSchema();
        }
        join(troll, id).statusCode(201);
        assertEquals(3, memberCount(owner, id));
    }

    @Test
    void onlyTheOwnerChangesRoles() {
        String owner = Tokens.newUserId("owner");
        String mod = Tokens.newUserId("mod");
        String fay = Tokens.newUserId("fay");
        String id = createCommunity(owner, "PUBLIC");
        moderator(owner, mod, id);
        join(fay, id).statusCode(201);

        as(mod).body("{\"role\":\"MODERATOR\"}").put("/api/communities/" + id + "/members/" + fay + "/role")
                .then().statusCode(403);
        as(owner).body("{\"role\":\"KING\"}").put("/api/communities/" + id + "/members/" + fay + "/role")
                .then().statusCode(400).contentType("application/problem+json");
        as(owner).body("{\"role\":\"MODERATOR\"}")
                .put("/api/communities/" + id + "/members/" + Tokens.newUserId("stranger") + "/role")
                .then().statusCode(404);
        as(owner).get("/api/communities/" + id + "/members?role=MODERATOR").then().statusCode(200)
                .body("items.userId", contains(mod));
    }

    @Test
    void memberListsPageWithoutRepeatsAndPrivateOnesAreForMembersOnly() {
        String owner = Tokens.newUserId("owner");
        String id = createCommunity(owner, "PRIVATE");
        List<String> expected = new ArrayList<>(List.of(owner));
        for (int i = 0; i < 4; i++) {
            String user = Tokens.newUserId("m" + i);
            member(owner, user, id);
            expected.add(user);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = as(owner).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/communities/" + id + "/members").then().statusCode(200).extract();
            seen.addAll(page.path("items.userId"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertEquals(expected, seen);

        as(Tokens.newUserId("outsider")).get("/api/communities/" + id + "/members").then().statusCode(403)
                .contentType("application/problem+json");
        as(owner).queryParam("limit", 0).get("/api/communities/" + id + "/members").then().statusCode(400);
        as(owner).queryParam("limit", 101).get("/api/communities/" + id + "/members").then().statusCode(400);
        as(owner).queryParam("cursor", "!!garbage!!").get("/api/communities/" + id + "/members").then()
                .statusCode(400);
        as(owner).get("/api/communities/" + id + "/members?role=EMPEROR").then().statusCode(400);
    }

    @Test
    void twoHundredConcurrentJoinsAddExactlyTwoHundredMembers() throws Exception {
        String owner = Tokens.newUserId("owner");
        String id = createCommunity(owner, "PUBLIC");
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Callable<Integer>> joins = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String user = Tokens.newUserId("crowd");
                joins.add(() -> join(user, id).extract().statusCode());
                if (i % 20 == 0) {
                    // The same user twice, concurrently: still one membership.
                    joins.add(() -> join(user, id).extract().statusCode());
                }
            }
            int created = 0;
            for (Future<Integer> status : pool.invokeAll(joins)) {
                int code = status.get();
                assertTrue(code == 201 || code == 200, "join answered " + code);
                created += code == 201 ? 1 : 0;
            }
            assertEquals(200, created);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(201, memberCount(owner, id));
        as(owner).queryParam("limit", 100).get("/api/communities/" + id + "/members").then().statusCode(200)
                .body("items", hasSize(100)).body("nextCursor", notNullValue());
    }
}
