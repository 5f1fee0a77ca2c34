package io.circles.system.security;

import static io.circles.system.security.SecurityWorld.awaitStatus;
import static io.circles.system.security.SecurityWorld.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.circles.system.security.OpenApiOperations.Operation;
import io.circles.system.security.SecurityWorld.Community;
import io.circles.test.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No insecure direct object references: a caller with rights over their own community, activity or merchant names it
 * in the path and someone else's member, attendee, post or product in the rest of the path or the body. Every such
 * call is refused, and the victim's data is unchanged afterwards.
 */
class IdorIT {

    private static SecurityWorld world;
    private static String rivalToken;
    private static String rivalCircleId;
    private static String rivalActivity;

    @BeforeAll
    static void createWorld() {
        world = SecurityWorld.get();
        rivalToken = world.token(Role.RIVAL);
        rivalCircleId = expect(201, world.api.json("POST", "/api/communities", rivalToken,
                SecurityWorld.communityJson("Rival circle", "PUBLIC"))).field("id");
        rivalActivity = awaitStatus(201, () -> world.api.json("POST", "/api/activities", rivalToken,
                SecurityWorld.activityJson(rivalCircleId, "Rival ride"))).field("id");
    }

    /**
     * One attempt: the operation it covers, the call, and a check that the victim's data is as before. A removal
     * ({@code DELETE}) of something that is not there is a no-op 204 by the API's rules, so only its effect counts.
     */
    private record Attempt(String operation, String method, String path, String body, BooleanSupplier victimUnchanged) {

        boolean refusedAsItShould(Api.Reply reply) {
            boolean refused = reply.status() >= 400 && reply.status() < 500 && reply.isProblem();
            return refused || ("DELETE".equals(method) && reply.status() == 204);
        }
    }

    @Test
    void everyOperationWithSeveralIdsIsTriedWithAnotherOwnersIds() {
        Set<String> covered = attempts().stream().map(Attempt::operation).collect(Collectors.toSet());
        Set<String> uncovered = OpenApiOperations.all().stream()
                .filter(operation -> operation.parameters("path").size() > 1)
                .map(Operation::key)
                .filter(key -> !covered.contains(key))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), uncovered, "operations taking two ids with no IDOR attempt in " + getClass().getName());
    }

    @Test
    void idsOfOtherUsersResourcesInPathsAndBodiesAreRefused() {
        List<String> failures = new ArrayList<>();
        for (Attempt attempt : attempts()) {
            Api.Reply reply = attempt.body() == null
                    ? world.api.json(attempt.method(), attempt.path(), rivalToken, null)
                    : world.api.json(attempt.method(), attempt.path(), rivalToken, attempt.body());
            if (!attempt.refusedAsItShould(reply)) {
                failures.add(attempt.method() + " " + attempt.path() + " → " + reply);
            }
            if (!attempt.victimUnchanged().getAsBoolean()) {
                failures.add(attempt.method() + " " + attempt.path() + " changed the victim's data");
            }
        }
        assertEquals(List.of(), failures, String.join("\n", failures));
    }

    private static List<Attempt> attempts() {
        Community victim = world.privateCommunity;
        Community open = world.publicCommunity;
        String owner = world.token(Role.OWNER);
        String pending = world.pendingUser(victim);
        String member = world.newMember(victim);
        String attendee = open.takeAttendee();
        String post = world.merchantPost(world.merchant, Role.MERCHANT_OWNER);
        String stockBefore = productStock();
        String c = "/api/communities/" + rivalCircleId;
        return List.of(
                new Attempt("POST /api/communities/{id}/join-requests/{userId}/approve", "POST",
                        c + "/join-requests/" + pending + "/approve", null,
                        () -> listed(owner, "/api/communities/" + victim.id + "/join-requests?limit=100", pending)),
                new Attempt("POST /api/communities/{id}/join-requests/{userId}/reject", "POST",
                        c + "/join-requests/" + pending + "/reject", null,
                        () -> listed(owner, "/api/communities/" + victim.id + "/join-requests?limit=100", pending)),
                new Attempt("PUT /api/communities/{id}/members/{userId}/role", "PUT",
                        c + "/members/" + member + "/role", "{\"role\":\"OWNER\"}",
                        () -> !listed(owner, "/api/communities/" + victim.id + "/members?role=OWNER&limit=100",
                                member)),
                new Attempt("DELETE /api/communities/{id}/bans/{userId}", "DELETE",
                        c + "/bans/" + world.user(Role.BANNED), null,
                        () -> world.api.json("POST", "/api/communities/" + open.id + "/members",
                                world.token(Role.BANNED), null).status() == 403),
                new Attempt("DELETE /api/activities/{id}/rsvps/{userId}", "DELETE",
                        "/api/activities/" + rivalActivity + "/rsvps/" + attendee, null,
                        () -> "GOING".equals(world.api.get("/api/activities/" + open.activityId,
                                Tokens.forUser(attendee)).json().path("rsvp").path("status").asText())),
                new Attempt("POST /api/activities/{id}/check-ins", "POST",
                        "/api/activities/" + rivalActivity + "/check-ins", "{\"userId\":\"" + attendee + "\"}",
                        () -> notCheckedIn(attendee, open.activityId)),
                new Attempt("POST /api/activities", "POST", "/api/activities",
                        SecurityWorld.activityJson(victim.id, "Gatecrash"),
                        () -> !listed(world.token(Role.MEMBER), "/api/activities?communityId=" + victim.id
                                + "&limit=100", "Gatecrash")),
                new Attempt("DELETE /api/merchants/{id}/posts/{postId}", "DELETE",
                        "/api/merchants/" + world.rivalMerchant + "/posts/" + post, null,
                        () -> listed(null, "/api/merchants/" + world.merchant + "/posts?limit=100", post)),
                new Attempt("PATCH /api/merchants/{id}/products/{productId}", "PATCH",
                        "/api/merchants/" + world.rivalMerchant + "/products/" + world.product, "{\"stock\":0}",
                        () -> stockBefore.equals(productStock())),
                new Attempt("POST /api/merchants/{id}/promotions", "POST",
                        "/api/merchants/" + world.rivalMerchant + "/promotions", SecurityWorld.promotionJson(post),
                        () -> listed(null, "/api/merchants/" + world.merchant + "/posts?limit=100", post)));
    }

    private static boolean notCheckedIn(String attendee, String activity) {
        JsonNode checkedIn = world.api.get("/api/activities/" + activity, Tokens.forUser(attendee)).json()
                .path("rsvp").path("checkedInAt");
        return checkedIn.isMissingNode() || checkedIn.isNull();
    }

    private static boolean listed(String token, String path, String text) {
        return world.api.get(path, token == null ? world.token(Role.OUTSIDER) : token).body().contains(text);
    }

    private static String productStock() {
        for (var item : world.api.get("/api/merchants/" + world.merchant + "/products?limit=100",
                world.token(Role.OUTSIDER)).json().path("items")) {
            if (world.product.equals(item.path("id").asText())) {
                return item.path("stock").asText();
            }
        }
        throw new IllegalStateException("the product is gone");
    }
}
