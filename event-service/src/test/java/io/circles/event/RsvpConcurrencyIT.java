package io.circles.event;

import static io.circles.event.Scenario.activity;
import static io.circles.event.Scenario.cancelRsvp;
import static io.circles.event.Scenario.community;
import static io.circles.event.Scenario.getActivity;
import static io.circles.event.Scenario.joinAll;
import static io.circles.event.Scenario.rsvp;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.circles.events.Topics;
import io.circles.events.activity.RsvpChanged;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.ReceivedEvent;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "event"))
class RsvpConcurrencyIT {

    private static final int CAPACITY = 50;
    private static final int REQUESTS = 500;

    private record Result(String user, int guests, int status, String rsvp, Integer position) {
    }

    @Test
    void aRushOfRsvpsNeverOverbooksAndCancellationsPromoteExactlyTheRightPeopleInOrder() throws Exception {
        String owner = Tokens.newUserId("owner");
        String community = community(owner, "PUBLIC");
        List<String> users = IntStream.range(0, REQUESTS).mapToObj(i -> Tokens.newUserId("u" + i)).toList();
        joinAll(community, users);
        String id = activity(owner, community, CAPACITY);
        Map<String, String> tokens = users.stream().collect(Collectors.toMap(u -> u, Tokens::forUser));

        List<Result> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                String user = users.get(i);
                int guests = i % 3;
                futures.add(pool.submit(() -> {
                    Response response = given().auth().oauth2(tokens.get(user)).contentType("application/json")
                            .body("{\"guests\":" + guests + "}")
                            .put("/api/activities/" + id + "/rsvps/me");
                    JsonPath body = response.jsonPath();
                    return new Result(user, guests, response.statusCode(), body.getString("status"),
                            body.get("waitlistPosition"));
                }));
            }
            for (Future<Result> future : futures) {
                results.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }

        results.forEach(result -> assertEquals(200, result.status(), () -> "every request is answered: " + result));
        int goingSeats = 1 + results.stream().filter(r -> "GOING".equals(r.rsvp()))
                .mapToInt(r -> 1 + r.guests()).sum();
        assertTrue(goingSeats <= CAPACITY, "seats taken " + goingSeats + " exceed capacity " + CAPACITY);
        List<Result> waiting = results.stream().filter(r -> "WAITLISTED".equals(r.rsvp()))
                .sorted((x, y) -> Integer.compare(x.position(), y.position())).toList();
        assertEquals(REQUESTS, results.stream().filter(r -> "GOING".equals(r.rsvp())).count() + waiting.size());
        assertEquals(IntStream.rangeClosed(1, waiting.size()).boxed().toList(),
                waiting.stream().map(Result::position).toList(), "waitlist positions are gapless and unique");
        int smallestWaitingParty = waiting.stream().mapToInt(r -> 1 + r.guests()).min().orElse(0);
        assertTrue(CAPACITY - goingSeats < smallestWaitingParty, "no waiting party fits the seats left");

        getActivity(owner, id).statusCode(200)
                .body("goingCount", org.hamcrest.Matchers.equalTo(goingSeats))
                .body("waitlistCount", org.hamcrest.Matchers.equalTo(waiting.size()));
        assertEquals(waiting.stream().map(Result::user).toList(), list(owner, id, "WAITLISTED"),
                "the organizer sees the waitlist in the order the positions were handed out");

        // The model: going parties and the line, then 20 random cancellations applied one by one.
        Map<String, Integer> going = new HashMap<>();
        results.stream().filter(r -> "GOING".equals(r.rsvp())).forEach(r -> going.put(r.user(), r.guests()));
        LinkedHashMap<String, Integer> line = new LinkedHashMap<>();
        waiting.forEach(r -> line.put(r.user(), r.guests()));
        List<String> cancellers = new ArrayList<>(going.keySet());
        Collections.shuffle(cancellers, new Random(42));
        cancellers = cancellers.subList(0, 20);
        List<String> expectedPromotions = new ArrayList<>();
        int seats = goingSeats;

        try (KafkaProbe probe = KafkaProbe.on(Topics.ACTIVITY_EVENTS)) {
            for (String user : cancellers) {
                cancelRsvp(user, id).statusCode(204);
                seats -= 1 + going.remove(user);
                // The contract, modelled here on its own: the line is walked first come, first served, and every
                // party (the attendee and their guests) that fits in the seats left goes, the others keep their place.
                for (Map.Entry<String, Integer> party : List.copyOf(line.entrySet())) {
                    int size = 1 + party.getValue();
                    if (seats + size <= CAPACITY) {
                        expectedPromotions.add(party.getKey());
                        line.remove(party.getKey());
                        going.put(party.getKey(), party.getValue());
                        seats += size;
                    }
                }
            }
            int expectedCount = expectedPromotions.size();
            probe.await(event -> RsvpChanged.TYPE.equals(event.type()) && id.equals(event.key())
                    && "PROMOTED".equals(event.json().get("status").asText())
                    && expectedCount > 0
                    && expectedPromotions.get(expectedCount - 1).equals(event.json().get("userId").asText()),
                    Duration.ofSeconds(30));
            List<ReceivedEvent> promotions = probe.all(event -> RsvpChanged.TYPE.equals(event.type())
                    && id.equals(event.key()) && "PROMOTED".equals(event.json().get("status").asText()),
                    Duration.ofSeconds(2));
            assertEquals(expectedPromotions, promotions.stream().map(e -> e.json().get("userId").asText()).toList(),
                    "exactly the right people are promoted, in order");
        }
        assertTrue(expectedPromotions.size() >= 20, "20 freed parties make room for at least 20 waiting ones");
        getActivity(owner, id).body("goingCount", org.hamcrest.Matchers.equalTo(seats))
                .body("waitlistCount", org.hamcrest.Matchers.equalTo(line.size()));
        assertEquals(new ArrayList<>(line.keySet()), list(owner, id, "WAITLISTED"));
    }

    /** The organizer's view of one status list, all pages. */
    private static List<String> list(String organizer, String id, String status) {
        List<String> users = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(Tokens.forUser(organizer)).queryParam("status", status)
                    .queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/activities/" + id + "/rsvps").then().statusCode(200).extract()
                    .jsonPath();
            users.addAll(page.getList("items.userId"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return users;
    }
}
