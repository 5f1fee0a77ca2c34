package io.circles.event;

import static io.circles.event.Scenario.community;
import static io.circles.event.Scenario.joinAll;
import static io.circles.event.Scenario.postActivity;
import static io.circles.event.Scenario.rsvp;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import io.circles.event.reminder.ReminderService;
import io.circles.events.Topics;
import io.circles.events.activity.ActivityReminder;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.ReceivedEvent;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** In tests reminders go out 1 h before the start (events.reminders.lead) and the job runs every second. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "event"))
class ReminderIT {

    @Inject
    ReminderService reminders;

    @Test
    void aReminderNamesTheGoingAttendeesExactlyOnceEvenWithConcurrentRunners() throws Exception {
        String owner = Tokens.newUserId("owner");
        String bob = Tokens.newUserId("bob");
        String community = community(owner, "PUBLIC");
        joinAll(community, List.of(bob));
        try (KafkaProbe probe = KafkaProbe.on(Topics.ACTIVITY_EVENTS)) {
            Instant soon = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
            String id = create(owner, community, soon);
            rsvp(bob, id, 0).statusCode(200).body("status", equalTo("GOING"));
            String later = create(owner, community, Instant.now().plus(5, ChronoUnit.HOURS));

            // The organizer moves it into the reminder window; the scheduled job and several "replicas" race for it.
            Instant moved = Instant.now().plus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
            given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                    .body("{\"startsAt\":\"" + moved + "\",\"endsAt\":\"" + moved.plus(2, ChronoUnit.HOURS) + "\"}")
                    .patch("/api/activities/" + id).then().statusCode(200);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> runs = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    runs.add(pool.submit(() -> {
                        try {
                            return VertxContextSupport.subscribeAndAwait(() -> reminders.sendDue());
                        } catch (Throwable e) {
                            throw new IllegalStateException(e);
                        }
                    }));
                }
                for (Future<Integer> run : runs) {
                    run.get();
                }
            } finally {
                pool.shutdownNow();
            }

            ReceivedEvent reminder = probe.await(ActivityReminder.TYPE, id).assertMatchesSchema();
            Set<String> attendees = StreamSupport.stream(reminder.json().get("attendeeIds").spliterator(), false)
                    .map(node -> node.asText()).collect(Collectors.toSet());
            assertEquals(Set.of(owner, bob), attendees);
            List<ReceivedEvent> all = probe.all(event -> ActivityReminder.TYPE.equals(event.type())
                    && (id.equals(event.key()) || later.equals(event.key())), Duration.ofSeconds(3));
            assertEquals(1, all.size(), "one reminder, none for the activity outside the window");
            assertTrue(all.get(0).key().equals(id));
        }
    }

    private static String create(String owner, String community, Instant startsAt) {
        return postActivity(owner, Scenario.activityJson(community, 10, startsAt.truncatedTo(ChronoUnit.SECONDS)))
                .statusCode(201).extract().path("id");
    }
}
