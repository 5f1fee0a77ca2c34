package io.circles.system.security;

import static io.circles.system.security.SecurityWorld.awaitStatus;
import static io.circles.system.security.SecurityWorld.expect;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.circles.local.LocalService;
import io.circles.system.PlatformUnderTest;
import io.circles.system.security.SecurityWorld.Community;
import io.circles.test.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a private community holds — posts, comments, the member list, activities and their venues, feed cards — reaches
 * its members and nobody else, wherever an outsider looks; and no service logs a token or a message body.
 */
class PrivacyIT {

    private static SecurityWorld world;

    @BeforeAll
    static void createWorld() {
        world = SecurityWorld.get();
    }

    @Test
    void aPrivateCommunitysContentReachesItsMembersAndNoOneElse() throws Exception {
        String secret = "secret-" + UUID.randomUUID();
        Community circle = world.community("PRIVATE", 0);
        // A member of this circle only, so their id may appear nowhere an outsider looks.
        String member = world.newMember(circle);
        String leaver = world.newMember(circle);
        String postId = expect(201, world.api.json("POST", "/api/communities/" + circle.id + "/posts",
                Tokens.forUser(member), "{\"text\":\"Meet at the " + secret + " gate\"}")).field("id");
        expect(201, world.api.json("POST", "/api/posts/" + postId + "/comments", Tokens.forUser(member),
                "{\"text\":\"See you at " + secret + "\"}"));
        String activity = awaitStatus(201, () -> world.api.json("POST", "/api/activities", world.token(Role.OWNER),
                SecurityWorld.activityJson(circle.id, "Ride").replace("West Lake north gate", "Venue " + secret)))
                .field("id");
        String activitiesNearVenue = "/api/activities?near=30.26,120.14&radiusKm=1&limit=100&communityId=";

        // The members' view: everything is there (so the outsiders' checks below can fail).
        assertTrue(awaitContaining(member, "/api/communities/" + circle.id + "/posts", secret));
        assertTrue(awaitContaining(member, "/api/activities/" + activity, secret));
        assertTrue(awaitContaining(member, "/api/activities?near=30.26,120.14&radiusKm=1&limit=100", secret));
        assertTrue(awaitContaining(member, "/api/feeds/communities/" + circle.id, secret));
        assertTrue(awaitContaining(member, "/api/feeds/me?limit=100", secret));
        assertTrue(world.api.get("/api/communities/" + circle.id + "/members?limit=100", world.token(member)).body()
                .contains(leaver));

        // A member who leaves is an outsider from then on.
        expect(204, world.api.json("DELETE", "/api/communities/" + circle.id + "/members/me", Tokens.forUser(leaver),
                null));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                world.api.get("/api/feeds/communities/" + circle.id, Tokens.forUser(leaver)).status() != 200
                        && world.api.get("/api/activities/" + activity, Tokens.forUser(leaver)).status() != 200);

        List<String> leaks = new ArrayList<>();
        Map<String, String> outsiders = Map.of(
                "outsider", world.token(Role.OUTSIDER),
                "banned", world.token(Role.BANNED),
                "rival", world.token(Role.RIVAL),
                "former member", Tokens.forUser(leaver));
        List<String> paths = List.of(
                "/api/communities?q=Circle&limit=100",
                "/api/communities?city=" + SecurityWorld.CITY + "&sort=new&limit=100",
                "/api/communities?near=30.27,120.15&sort=nearby&limit=100",
                "/api/communities/" + circle.id,
                "/api/communities/" + circle.id + "/posts",
                "/api/communities/" + circle.id + "/members?limit=100",
                "/api/communities/" + circle.id + "/join-requests",
                "/api/posts/" + postId,
                "/api/posts/" + postId + "/comments",
                "/api/activities?limit=100",
                "/api/activities?communityId=" + circle.id,
                activitiesNearVenue + circle.id,
                "/api/activities?near=30.26,120.14&radiusKm=1&limit=100",
                "/api/activities/" + activity,
                "/api/activities/" + activity + "/rsvps",
                "/api/feeds/communities/" + circle.id,
                "/api/feeds/me?limit=100");
        for (Map.Entry<String, String> outsider : outsiders.entrySet()) {
            for (String path : paths) {
                Api.Reply reply = world.api.get(path, outsider.getValue());
                if (reply.body().contains(secret) || reply.body().contains(member)) {
                    leaks.add(outsider.getKey() + " GET " + path + " → " + reply);
                }
                if (reply.status() >= 400 && !reply.isProblem()) {
                    leaks.add(outsider.getKey() + " GET " + path + " → not a problem: " + reply);
                }
            }
            assertNotEquals(200, world.api.get("/api/activities/" + activity, outsider.getValue()).status(),
                    outsider.getKey() + " may read the activity and its venue");
        }
        assertEquals(List.of(), leaks, String.join("\n", leaks));

        // Every token of the platform starts with the same signed header: no log may hold one, nor a body.
        String token = world.token(Role.MEMBER);
        String tokenHeader = token.substring(0, token.indexOf('.'));
        for (LocalService service : PlatformUnderTest.get().services()) {
            String log = Files.readString(service.log());
            assertFalse(log.contains(secret), service.name() + " logged a message body");
            assertFalse(log.contains(tokenHeader), service.name() + " logged a token");
        }
    }

    private static boolean awaitContaining(String user, String path, String text) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> world.api.get(path, Tokens.forUser(user)).body().contains(text));
        return true;
    }
}
