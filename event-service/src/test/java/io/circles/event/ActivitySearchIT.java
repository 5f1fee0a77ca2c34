package io.circles.event;

import static io.circles.event.Scenario.community;
import static io.circles.event.Scenario.inDays;
import static io.circles.event.Scenario.postActivity;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/** {@code q} on activities: a Chinese word inside a run of characters, mixed scripts, private ones only to members. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "event"))
class ActivitySearchIT {

    @Test
    void aChineseWordInsideTheTitleOrDescriptionFindsTheActivity() {
        String owner = Tokens.newUserId("owner");
        String interest = "tea-" + UUID.randomUUID().toString().substring(0, 8);
        String community = community(owner, "PUBLIC", interest, 30.27, 120.15);
        String tea = create(owner, community, inDays(2), "龙井茶园徒步", "周末去龙井村喝茶");
        String coffee = create(owner, community, inDays(3), "Latte咖啡 tasting", "手冲 and pour-over");
        create(owner, community, inDays(4), "Morning run", "5 km");

        list(owner, interest, "龙井").body("items.id", contains(tea));
        list(owner, interest, "喝茶").body("items.id", contains(tea));
        list(owner, interest, "咖啡").body("items.id", contains(coffee));
        list(owner, interest, "LATTE 咖啡").body("items.id", contains(coffee));
        list(owner, interest, "龙村").body("items", empty());
    }

    @Test
    void aPrivateCommunitysActivityIsFoundByMembersOnly() {
        String owner = Tokens.newUserId("owner");
        String interest = "tea-" + UUID.randomUUID().toString().substring(0, 8);
        String community = community(owner, "PRIVATE", interest, 30.27, 120.15);
        String secret = create(owner, community, inDays(2), "秘密茶会", "只给成员");

        list(owner, interest, "茶会").body("items.id", contains(secret));
        list(Tokens.newUserId("outsider"), interest, "茶会").body("items", empty());
        given().auth().oauth2(Tokens.forUser(owner)).queryParam("q", "茶".repeat(201)).get("/api/activities")
                .then().statusCode(400).body("errors[0].field", equalTo("q"));
    }

    private static ValidatableResponse list(String user, String interest, String q) {
        return given().auth().oauth2(Tokens.forUser(user)).queryParam("interest", interest).queryParam("q", q)
                .get("/api/activities").then().statusCode(200);
    }

    private static String create(String owner, String community, Instant startsAt, String title, String description) {
        return postActivity(owner, "{\"communityId\":\"" + community + "\",\"title\":\"" + title
                + "\",\"description\":\"" + description + "\",\"startsAt\":\"" + startsAt + "\",\"endsAt\":\""
                + startsAt.plus(2, ChronoUnit.HOURS)
                + "\",\"venue\":{\"name\":\"Spot\",\"lat\":30.26,\"lon\":120.16},\"capacity\":20}")
                .statusCode(201).extract().path("id");
    }
}
