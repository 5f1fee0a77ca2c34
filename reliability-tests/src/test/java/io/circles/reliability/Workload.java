package io.circles.reliability;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import io.circles.test.Tokens;

/**
 * The data the load acts on, created once per JVM through the gateway: a few public communities, each with an owner,
 * steady members and an activity with few seats (so RSVPs reach the waitlist); users who keep joining and leaving and
 * following and unfollowing; and a merchant with a post and a promotion that fills sponsored slots.
 */
final class Workload {

    static final int COMMUNITIES = 4;
    static final int STEADY_MEMBERS = 5;
    static final int CHURNING_USERS = 16;
    static final int SEATS = 4;

    private static Workload instance;

    final List<Community> communities = new ArrayList<>();
    final List<String> churningUsers = new ArrayList<>();
    final String merchantOwner = Tokens.newUserId("merchant");
    final String merchantId;

    /** A community of the workload: its owner (also the activity's organizer), steady members and activity. */
    record Community(String id, String owner, List<String> steadyMembers, String activityId) {
    }

    private Workload(Http http) {
        for (int c = 0; c < COMMUNITIES; c++) {
            String owner = Tokens.newUserId("owner");
            String id = created(http.post(owner, "/api/communities", """
                    {"name":"Dawn Riders %d","description":"Rides before work","interests":["cycling"],
                     "city":"Chengdu","location":{"lat":30.66,"lon":104.06},"visibility":"PUBLIC"}"""
                    .formatted(c)), "id");
            List<String> steady = new ArrayList<>();
            for (int m = 0; m < STEADY_MEMBERS; m++) {
                String member = Tokens.newUserId("rider");
                expectOk(http.post(member, "/api/communities/" + id + "/members", "{}"));
                steady.add(member);
            }
            Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
            String activity = """
                    {"communityId":"%s","title":"Sunday loop","description":"60 km, coffee stop",
                     "startsAt":"%s","endsAt":"%s","venue":{"name":"East Gate","address":"1 Ring Rd",
                     "lat":30.65,"lon":104.08},"capacity":%d}""".formatted(id, start, start.plus(3, ChronoUnit.HOURS),
                    SEATS);
            // event-service learns of the community from its events: the first attempts may come too early.
            AtomicReference<Http.Reply> scheduled = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                scheduled.set(http.post(owner, "/api/activities", activity));
                return scheduled.get().status() == 201;
            });
            communities.add(new Community(id, owner, List.copyOf(steady), scheduled.get().json().path("id").asText()));
        }
        for (int u = 0; u < CHURNING_USERS; u++) {
            churningUsers.add(Tokens.newUserId("visitor"));
        }
        merchantId = created(http.post(merchantOwner, "/api/merchants", """
                {"name":"Spoke & Bean","category":"cafe","city":"Chengdu","location":{"lat":30.66,"lon":104.07},
                 "licenseNumber":"91350100M000100Y43"}"""), "id");
        String postId = created(http.post(merchantOwner, "/api/merchants/" + merchantId + "/posts",
                "{\"text\":\"Riders get a free refill on Sundays.\",\"media\":[]}"), "id");
        created(http.post(merchantOwner, "/api/merchants/" + merchantId + "/promotions", """
                {"postId":"%s","budgetImpressions":1000000,"targeting":{"interests":["cycling"],"cities":["Chengdu"]},
                 "startsAt":"%s","endsAt":"%s"}""".formatted(postId, Instant.now().minus(1, ChronoUnit.MINUTES),
                Instant.now().plus(7, ChronoUnit.DAYS))), "id");
    }

    static synchronized Workload get(ReliablePlatform platform) {
        if (instance == null) {
            instance = new Workload(new Http(platform.gatewayUrl()));
        }
        return instance;
    }

    /** Everyone who acts in the workload: whose feeds the load reads and the checker checks. */
    Set<String> users() {
        Set<String> users = new TreeSet<>(churningUsers);
        users.add(merchantOwner);
        for (Community community : communities) {
            users.add(community.owner());
            users.addAll(community.steadyMembers());
        }
        return users;
    }

    private static String created(Http.Reply reply, String field) {
        if (reply.status() != 201) {
            throw new IllegalStateException("setting up the workload failed: " + reply);
        }
        return reply.json().path(field).asText();
    }

    private static void expectOk(Http.Reply reply) {
        if (!reply.ok()) {
            throw new IllegalStateException("setting up the workload failed: " + reply);
        }
    }
}
