package io.circles.event;

import static io.circles.event.Scenario.activity;
import static io.circles.event.Scenario.community;
import static io.circles.event.Scenario.getActivity;
import static io.circles.event.Scenario.joinAll;
import static io.circles.event.Scenario.promote;
import static io.circles.event.Scenario.rsvp;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;

import io.circles.events.Topics;
import io.circles.events.activity.RsvpChanged;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/** Who may do what: outsider, member, organizer, moderator, banned, in a public and a private community. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "event"))
class AuthorizationMatrixIT {

    @Test
    void eachRoleGetsExactlyItsRightsInAPublicCommunity() {
        String owner = Tokens.newUserId("owner");
        String organizer = Tokens.newUserId("organizer");
        String moderator = Tokens.newUserId("moderator");
        String member = Tokens.newUserId("member");
        String banned = Tokens.newUserId("banned");
        String outsider = Tokens.newUserId("outsider");
        String community = community(owner, "PUBLIC");
        joinAll(community, List.of(organizer, moderator, member, banned));
        promote(community, moderator, "MODERATOR");
        String id = activity(organizer, community, 3);
        rsvp(banned, id, 0).statusCode(200);
        Scenario.ban(community, banned);

        for (String reader : List.of(outsider, member, banned, moderator, organizer)) {
            getActivity(reader, id).statusCode(200);
        }
        rsvp(outsider, id, 0).statusCode(403);
        rsvp(banned, id, 0).statusCode(403);
        rsvp(member, id, 0).statusCode(200).body("status", equalTo("GOING"));
        rsvp(moderator, id, 0).statusCode(200).body("status", equalTo("GOING"));

        for (String user : List.of(outsider, member, banned)) {
            patch(user, id).statusCode(403);
            listRsvps(user, id).statusCode(403);
            checkIn(user, id, member).statusCode(403);
            remove(user, id, moderator).statusCode(403);
            given().auth().oauth2(Tokens.forUser(user)).post("/api/activities/" + id + "/cancel")
                    .then().statusCode(403);
        }
        patch(organizer, id).statusCode(200);
        patch(moderator, id).statusCode(200);
        patch(owner, id).statusCode(200);
        listRsvps(moderator, id).statusCode(200).body("items.size()", equalTo(3));
        checkIn(moderator, id, member).statusCode(201);
        checkIn(organizer, id, moderator).statusCode(201);
        getActivity(member, id).body("checkedInCount", equalTo(2));

        try (KafkaProbe probe = KafkaProbe.on(Topics.ACTIVITY_EVENTS)) {
            remove(organizer, id, member).statusCode(204);
            probe.await(event -> RsvpChanged.TYPE.equals(event.type()) && id.equals(event.key())
                    && member.equals(event.json().get("userId").asText())
                    && "CANCELLED".equals(event.json().get("status").asText()), Duration.ofSeconds(15))
                    .assertMatchesSchema();
        }
        remove(organizer, id, member).statusCode(204);
        getActivity(member, id).body("rsvp.status", equalTo("CANCELLED")).body("goingCount", equalTo(2));
    }

    @Test
    void outsidersCannotTellAPrivateCommunitysActivityExists() {
        String owner = Tokens.newUserId("owner");
        String outsider = Tokens.newUserId("outsider");
        String community = community(owner, "PRIVATE");
        String id = activity(owner, community, 3);
        getActivity(outsider, id).statusCode(404);
        rsvp(outsider, id, 0).statusCode(404);
        patch(outsider, id).statusCode(404);
        listRsvps(outsider, id).statusCode(404);
        checkIn(outsider, id, owner).statusCode(404);
        getActivity(Tokens.newUserId("admin"), id).statusCode(404);
        given().auth().oauth2(Tokens.forUser(Tokens.newUserId("admin"), "platform-admin"))
                .get("/api/activities/" + id).then().statusCode(200);
    }

    private static ValidatableResponse patch(String user, String id) {
        return given().auth().oauth2(Tokens.forUser(user)).contentType(ContentType.JSON)
                .body("{\"description\":\"Edited by " + user + "\"}").patch("/api/activities/" + id).then();
    }

    private static ValidatableResponse listRsvps(String user, String id) {
        return given().auth().oauth2(Tokens.forUser(user)).get("/api/activities/" + id + "/rsvps").then();
    }

    private static ValidatableResponse checkIn(String caller, String id, String user) {
        return given().auth().oauth2(Tokens.forUser(caller)).contentType(ContentType.JSON)
                .body("{\"userId\":\"" + user + "\"}").post("/api/activities/" + id + "/check-ins").then();
    }

    private static ValidatableResponse remove(String caller, String id, String user) {
        return given().auth().oauth2(Tokens.forUser(caller)).delete("/api/activities/" + id + "/rsvps/" + user)
                .then();
    }
}
