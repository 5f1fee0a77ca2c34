package io.circles.event;

import static io.circles.event.Scenario.activity;
import static io.circles.event.Scenario.community;
import static io.circles.event.Scenario.getActivity;
import static io.circles.event.Scenario.join;
import static io.circles.event.Scenario.rsvp;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import io.circles.events.Topics;
import io.circles.events.activity.RsvpChanged;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The per-user RSVP budget (429) and the body size limit (413), with the service's own configuration. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "event"))
class WriteLimitsIT {

    private static final String PROBLEM_JSON = "application/problem+json";

    @ConfigProperty(name = "circles.rate-limit.rsvp.requests")
    int rsvpBudget;

    @ConfigProperty(name = "circles.rate-limit.rsvp.window")
    Duration rsvpWindow;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    @Test
    void rsvpsOverTheBudgetGet429WithRetryAfterAndReserveNothing() {
        String owner = Tokens.newUserId("owner");
        String bob = Tokens.newUserId("bob");
        String community = community(owner, "PUBLIC");
        join(community, bob);
        String first = activity(owner, community, 10);
        String second = activity(owner, community, 10);
        for (int i = 0; i < rsvpBudget; i++) {
            rsvp(bob, first, 0).statusCode(200).body("status", equalTo("GOING"));
        }

        try (KafkaProbe probe = KafkaProbe.on(Topics.ACTIVITY_EVENTS)) {
            String retryAfter = rsvp(bob, second, 0).statusCode(429).contentType(PROBLEM_JSON)
                    .body("status", equalTo(429)).extract().header("Retry-After");
            long seconds = Long.parseLong(retryAfter);
            assertTrue(seconds >= 1 && seconds <= rsvpWindow.toSeconds(), "Retry-After " + seconds);
            assertTrue(probe.all(e -> RsvpChanged.TYPE.equals(e.type()) && e.value().contains(bob),
                    Duration.ofSeconds(2)).isEmpty(), "a refused RSVP emits nothing");
        }
        getActivity(bob, second).statusCode(200).body("goingCount", equalTo(1)).body("rsvp", nullValue());
        rsvp(owner, second, 1).statusCode(200).body("status", equalTo("GOING"));
    }

    @Test
    void aBodyOverTheLimitGets413ProblemJsonAndNothingIsWritten() {
        String owner = Tokens.newUserId("owner");
        String bob = Tokens.newUserId("bob");
        String community = community(owner, "PUBLIC");
        join(community, bob);
        String id = activity(owner, community, 10);
        String padding = " ".repeat((int) maxBodySize.asLongValue());

        given().auth().oauth2(Tokens.forUser(bob)).contentType(ContentType.JSON).body("{\"guests\":0}" + padding)
                .when().put("/api/activities/" + id + "/rsvps/me")
                .then().statusCode(413).contentType(PROBLEM_JSON).header("Connection", "close")
                .body("status", equalTo(413));
        getActivity(bob, id).statusCode(200).body("goingCount", equalTo(1)).body("rsvp", nullValue());
    }
}
