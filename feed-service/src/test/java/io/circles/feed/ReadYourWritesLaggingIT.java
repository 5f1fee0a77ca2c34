package io.circles.feed;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;
import io.circles.events.community.JoinRequested;
import io.circles.events.people.PersonBlocked;
import io.circles.events.people.PersonUnblocked;
import io.circles.events.post.PostPublished;

import io.circles.feed.membership.FeedKeys;
import io.circles.platform.consistency.ReadYourWrites;
import io.circles.test.Grants;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The member and people projections held back on purpose (every community and people event applied 2 s after it
 * reached Kafka): a member reads a private community's feed right after their join or approval, and an outsider is
 * still refused; a reader's next page after a block leaves the blocked person out, and after an unblock brings them
 * back.
 */
@QuarkusTest
@TestProfile(ReadYourWritesLaggingIT.HeldBack.class)
@WithTestResource(PlatformTestResource.class)
class ReadYourWritesLaggingIT {

    /** A projection 2 s behind Kafka. */
    public static class HeldBack implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("circles.read-your-writes.hold-back", "2s");
        }
    }

    /** What community-service sets on the 204 of a block or an unblock. */
    private static final String RECENT_BLOCK = Topics.PEOPLE_EVENTS;

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper json;

    @Test
    void membersReadThePrivateFeedRightAfterTheirJoinWhileTheProjectionLags() throws Exception {
        String owner = Tokens.newUserId("owner");
        String community = UUID.randomUUID().toString();
        ExecutorService clients = Executors.newFixedThreadPool(25);
        List<Future<int[]>> outcomes = new ArrayList<>();
        try (Grants grants = Grants.open()) {
            grants.communityCreated(community, owner, "PRIVATE");
            for (int i = 0; i < 200; i++) {
                outcomes.add(clients.submit(() -> {
                    String member = Tokens.newUserId("member");
                    grants.memberJoined(community, member, "MEMBER");
                    // the projection has not applied the join yet: without the wait this read would be refused
                    boolean applied = redis.set(String.class).sismember(FeedKeys.members(community), member);
                    int status = given().auth().oauth2(Tokens.forUser(member))
                            .get("/api/feeds/communities/" + community).then().extract().statusCode();
                    return new int[] {applied ? 1 : 0, status};
                }));
            }
            int lagging = 0;
            int refused = 0;
            for (Future<int[]> outcome : outcomes) {
                int[] result = outcome.get();
                lagging += result[0] == 0 ? 1 : 0;
                refused += result[1] == 200 ? 0 : 1;
            }
            assertEquals(0, refused, "private feed reads refused right after their join");
            assertTrue(lagging >= 190, "the projection should have lagged behind the joins, did " + lagging);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void anOutsiderIsStillRefused() {
        String owner = Tokens.newUserId("owner");
        String outsider = Tokens.newUserId("outsider");
        String community = UUID.randomUUID().toString();
        try (Grants grants = Grants.open()) {
            grants.communityCreated(community, owner, "PRIVATE");
            assertFalse(redis.set(String.class).sismember(FeedKeys.members(community), owner));
            // the owner reads at once; the outsider, behind the same lag, is refused within the bound
            given().auth().oauth2(Tokens.forUser(owner)).get("/api/feeds/communities/" + community)
                    .then().statusCode(200);
            grants.memberJoined(community, Tokens.newUserId("someone-else"), "MEMBER");
        }
        long started = System.nanoTime();
        given().auth().oauth2(Tokens.forUser(outsider)).get("/api/feeds/communities/" + community)
                .then().statusCode(403).contentType("application/problem+json");
        Duration lagging = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(lagging.toMillis() < 6_000, "a refusal waits no longer than the bound: " + lagging);

        started = System.nanoTime();
        given().auth().oauth2(Tokens.forUser(outsider)).get("/api/feeds/communities/" + community)
                .then().statusCode(403).contentType("application/problem+json");
        Duration caughtUp = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(caughtUp.toMillis() < 1_900, "a refusal with the projection caught up waits for no record: "
                + caughtUp);
    }

    @Test
    void requestersReadThePrivateFeedRightAfterTheirApprovalWhileTheProjectionLags() throws Exception {
        String owner = Tokens.newUserId("owner");
        String community = UUID.randomUUID().toString();
        ExecutorService clients = Executors.newFixedThreadPool(25);
        List<Future<int[]>> outcomes = new ArrayList<>();
        try (Grants grants = Grants.open()) {
            grants.communityCreated(community, owner, "PRIVATE");
            // the member projection running 2 s behind, not starting cold (a first assignment can exceed the bound)
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> redis.set(String.class).sismember(FeedKeys.members(community), owner));
            for (int i = 0; i < 200; i++) {
                outcomes.add(clients.submit(() -> {
                    String requester = Tokens.newUserId("requester");
                    publish(grants, new JoinRequested(community, requester, "I roast beans", Instant.now()));
                    // a moderator approves: community-service publishes the member-joined and answers
                    grants.memberJoined(community, requester, "MEMBER");
                    boolean applied = redis.set(String.class).sismember(FeedKeys.members(community), requester);
                    int status = given().auth().oauth2(Tokens.forUser(requester))
                            .get("/api/feeds/communities/" + community).then().extract().statusCode();
                    return new int[] {applied ? 1 : 0, status};
                }));
            }
            int lagging = 0;
            int refused = 0;
            for (Future<int[]> outcome : outcomes) {
                int[] result = outcome.get();
                lagging += result[0] == 0 ? 1 : 0;
                refused += result[1] == 200 ? 0 : 1;
            }
            assertEquals(0, refused, "private feed reads refused right after their approval");
            assertTrue(lagging >= 190, "the projection should have lagged behind the approvals, did " + lagging);

            // a request still waiting for a moderator is no membership: refused, within the bound
            String pending = Tokens.newUserId("pending");
            publish(grants, new JoinRequested(community, pending, "me too", Instant.now()));
            long started = System.nanoTime();
            given().auth().oauth2(Tokens.forUser(pending)).get("/api/feeds/communities/" + community)
                    .then().statusCode(403).contentType("application/problem+json");
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(waited.toMillis() < 6_000, "a refusal waits no longer than the bound: " + waited);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void theNextPageAfterABlockLeavesTheBlockedPersonOutAndAfterAnUnblockBringsThemBackWhileTheProjectionLags()
            throws Exception {
        String owner = Tokens.newUserId("owner");
        String troll = Tokens.newUserId("troll");
        String community = UUID.randomUUID().toString();
        String trollPost = UUID.randomUUID().toString();
        String ownerPost = UUID.randomUUID().toString();
        List<String> readers = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(25);
        try (Grants grants = Grants.open()) {
            grants.communityCreated(community, owner, "PUBLIC");
            grants.memberJoined(community, troll, "MEMBER");
            for (int i = 0; i < 200; i++) {
                String reader = Tokens.newUserId("reader");
                readers.add(reader);
                grants.memberJoined(community, reader, "MEMBER");
            }
            // a city of their own: explore filtered by it shows just these two posts
            String city = "Blocks " + community;
            publish(grants, new PostPublished(trollPost, community, "Blocks", "PUBLIC", List.of(), city, troll,
                    "troll post", List.of(), Instant.now()));
            publish(grants, new PostPublished(ownerPost, community, "Blocks", "PUBLIC", List.of(), city, owner,
                    "owner post", List.of(), Instant.now().plusMillis(1)));
            for (String reader : readers) {
                await().atMost(Duration.ofSeconds(30)).until(() -> home(reader, null).size() == 2);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> explore(owner, city, null).size() == 2);
            // half the readers read their home page next, the other half explore
            Function<String, List<String>> nextPage = reader -> readers.indexOf(reader) % 2 == 0
                    ? home(reader, RECENT_BLOCK) : explore(reader, city, RECENT_BLOCK);

            // 200 blocks, each followed at once by the blocker's next page
            int[] block = pairs(clients, readers, nextPage, reader -> {
                publish(grants, new PersonBlocked(reader, troll));
                return redis.set(String.class).sismember(FeedKeys.blocks(reader), troll);
            }, page -> !page.contains(trollPost) && page.contains(ownerPost));
            assertEquals(0, block[1], "pages that showed the blocked person's post right after the block");
            assertTrue(block[0] >= 190, "the projection should have lagged behind the blocks, did " + block[0]);
            assertEquals(List.of(ownerPost, trollPost), home(owner, RECENT_BLOCK), "who blocked nobody sees all");
            assertEquals(List.of(ownerPost, trollPost), home(owner, null));
            assertEquals(2, explore(owner, city, RECENT_BLOCK).size());

            for (String reader : readers) {
                await().atMost(Duration.ofSeconds(30)).until(
                        () -> redis.set(String.class).sismember(FeedKeys.blocks(reader), troll));
            }
            // 200 unblocks, each followed at once by the next page: the person is back
            int[] unblock = pairs(clients, readers, nextPage, reader -> {
                publish(grants, new PersonUnblocked(reader, troll));
                return !redis.set(String.class).sismember(FeedKeys.blocks(reader), troll);
            }, page -> page.size() == 2 && page.containsAll(List.of(ownerPost, trollPost)));
            assertEquals(0, unblock[1], "pages without the unblocked person's post right after the unblock");
            assertTrue(unblock[0] >= 190, "the projection should have lagged behind the unblocks, did " + unblock[0]);
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * For each reader, concurrently: {@code write} (answers whether the projection applied it at once), then the
     * reader's {@code nextPage} with the cookie the write's 204 sets. Returns {applied at once, pages not as expected}.
     */
    private static int[] pairs(ExecutorService clients, List<String> readers,
            Function<String, List<String>> nextPage, Function<String, Boolean> write,
            Predicate<List<String>> expected) throws Exception {
        List<Future<boolean[]>> outcomes = new ArrayList<>();
        for (String reader : readers) {
            outcomes.add(clients.submit(() -> {
                boolean applied = write.apply(reader);
                return new boolean[] {applied, expected.test(nextPage.apply(reader))};
            }));
        }
        int lagging = 0;
        int wrong = 0;
        for (Future<boolean[]> outcome : outcomes) {
            boolean[] result = outcome.get();
            lagging += result[0] ? 0 : 1;
            wrong += result[1] ? 0 : 1;
        }
        return new int[] {lagging, wrong};
    }

    private static List<String> home(String user, String recentWrite) {
        return as(user, recentWrite).get("/api/feeds/me").then().statusCode(200).extract().jsonPath()
                .getList("items.id");
    }

    private static List<String> explore(String user, String city, String recentWrite) {
        return as(user, recentWrite).queryParam("city", city).get("/api/feeds/explore").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
    }

    private static RequestSpecification as(String user, String recentWrite) {
        RequestSpecification request = given().auth().oauth2(Tokens.forUser(user));
        return recentWrite == null ? request : request.cookie(ReadYourWrites.RECENT_WRITE_COOKIE, recentWrite);
    }

    private void publish(Grants grants, IntegrationEvent event) {
        try {
            grants.publish(event, json.writeValueAsString(event), "community-service");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
