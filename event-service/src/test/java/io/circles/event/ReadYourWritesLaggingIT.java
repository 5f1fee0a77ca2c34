package io.circles.event;

import static io.circles.event.Scenario.activity;
import static io.circles.event.Scenario.activityJson;
import static io.circles.event.Scenario.community;
import static io.circles.event.Scenario.count;
import static io.circles.event.Scenario.inDays;
import static io.circles.event.Scenario.postActivity;
import static io.circles.event.Scenario.rsvp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.circles.test.Grants;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * The membership projection held back on purpose: every community event is applied 2 s after it reached Kafka. A
 * request right after its grant still succeeds (it waits for the projection, within the 5 s bound); a caller with no
 * grant is still refused, at once when the projection is caught up and within the bound when it lags.
 */
@QuarkusTest
@TestProfile(ReadYourWritesLaggingIT.HeldBack.class)
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "event"))
class ReadYourWritesLaggingIT {

    /** A projection 2 s behind Kafka. */
    public static class HeldBack implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("circles.read-your-writes.hold-back", "2s");
        }
    }

    @Test
    void rsvpsRightAfterTheirJoinSucceedWhileTheProjectionLags() throws Exception {
        String owner = Tokens.newUserId("owner");
        String community = community(owner, "PUBLIC");
        String activity = activity(owner, community, 5);
        ExecutorService clients = Executors.newFixedThreadPool(25);
        List<Future<int[]>> outcomes = new ArrayList<>();
        try (Grants grants = Grants.open()) {
            for (int i = 0; i < 200; i++) {
                outcomes.add(clients.submit(() -> {
                    String member = Tokens.newUserId("member");
                    grants.memberJoined(community, member, "MEMBER");
                    // the projection has not applied the join yet: without the wait this RSVP would be refused
                    long applied = count("select count(*) from community_member where community_id = ?"
                            + " and user_id = ?", community, member);
                    return new int[] {(int) applied, rsvp(member, activity, 0).extract().statusCode()};
                }));
            }
            int lagging = 0;
            int refused = 0;
            for (Future<int[]> outcome : outcomes) {
                int[] result = outcome.get();
                lagging += result[0] == 0 ? 1 : 0;
                refused += result[1] == 200 ? 0 : 1;
            }
            assertEquals(0, refused, "RSVPs refused right after their join");
            assertTrue(lagging >= 190, "the projection should have lagged behind the joins, did " + lagging);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void anActivityRightAfterItsCommunityIsCreatedSucceedsWhileTheProjectionLags() {
        String owner = Tokens.newUserId("owner");
        String community = UUID.randomUUID().toString();
        try (Grants grants = Grants.open()) {
            grants.communityCreated(community, owner, "PRIVATE");
        }
        assertEquals(0, count("select count(*) from community where id = ?", community));
        postActivity(owner, activityJson(community, 5, inDays(7))).statusCode(201);
    }

    @Test
    void aTrueNonMemberIsStillRefused() {
        String owner = Tokens.newUserId("owner");
        String outsider = Tokens.newUserId("outsider");
        String community = community(owner, "PUBLIC");
        String activity = activity(owner, community, 5);

        long started = System.nanoTime();
        rsvp(outsider, activity, 0).statusCode(403);
        Duration caughtUp = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(caughtUp.toMillis() < 1_900, "a refusal with the projection caught up waits for no record: "
                + caughtUp);

        try (Grants grants = Grants.open()) {
            grants.memberJoined(community, Tokens.newUserId("someone-else"), "MEMBER");
        }
        started = System.nanoTime();
        rsvp(outsider, activity, 0).statusCode(403);
        Duration lagging = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(lagging.toMillis() < 6_000, "a refusal waits no longer than the bound: " + lagging);
    }
}
