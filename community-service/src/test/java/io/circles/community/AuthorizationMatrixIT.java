package io.circles.community;

import static io.circles.community.Fixtures.as;
import static io.circles.community.Fixtures.createCommunity;
import static io.circles.community.Fixtures.join;
import static io.circles.community.Fixtures.member;
import static io.circles.community.Fixtures.moderator;
import static io.circles.community.Fixtures.post;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint × every kind of caller against a PRIVATE community (the case where access matters most).
 * Rows whose calls change the callers' own standing get a fresh community; calls that consume a target (a request
 * to decide, a post to delete, a member to promote) create a fresh one per cell, so cells never affect each other.
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "community"))
class AuthorizationMatrixIT {

    /** The columns of the matrix, in the order the expected statuses are written. */
    enum Who {
        ANONYMOUS, OUTSIDER, PENDING, MEMBER, MODERATOR, OWNER, BANNED, ADMIN
    }

    /** A fresh private community with one user in each role and a post by the member. */
    static final class World {
        final Map<Who, String> users = new EnumMap<>(Who.class);
        final String id;
        final String postId;

        World() {
            for (Who who : Who.values()) {
                users.put(who, Tokens.newUserId(who.name().toLowerCase()));
            }
            id = createCommunity(owner(), "PRIVATE");
            join(users.get(Who.PENDING), id).statusCode(201);
            member(owner(), users.get(Who.MEMBER), id);
            moderator(owner(), users.get(Who.MODERATOR), id);
            member(owner(), users.get(Who.BANNED), id);
            as(owner()).body("{\"userId\":\"" + users.get(Who.BANNED) + "\"}").post("/api/communities/" + id + "/bans")
                    .then().statusCode(201);
            postId = post(users.get(Who.MEMBER), id, "hello");
        }

        String owner() {
            return users.get(Who.OWNER);
        }

        String newPending() {
            String user = Tokens.newUserId("asker");
            join(user, id).statusCode(201);
            return user;
        }

        String newMember() {
            String user = Tokens.newUserId("joiner");
            member(owner(), user, id);
            return user;
        }

        String newPostByMember() {
            return post(users.get(Who.MEMBER), id, "to be removed");
        }
    }

    /** One endpoint; {@code fresh} when its calls change the callers' own standing (join, leave, archive, unban). */
    record Row(String endpoint, BiFunction<World, RequestSpecification, Response> call, String expected,
            boolean fresh) {
    }

    private static Row row(String endpoint, String expected, BiFunction<World, RequestSpecification, Response> call) {
        return new Row(endpoint, call, expected, false);
    }

    private static Row freshRow(String endpoint, String expected,
            BiFunction<World, RequestSpecification, Response> call) {
        return new Row(endpoint, call, expected, true);
    }

    //                                      anon out pend memb mod  own  ban  admin
    private static final List<Row> MATRIX = List.of(
            row("GET /api/interests", "401 200 200 200 200 200 200 200", (w, r) -> r.get("/api/interests")),
            row("POST /api/communities", "401 201 201 201 201 201 201 201", (w, r) -> r.body(Fixtures.communityJson(
                    "M", "PUBLIC", "Matrix", 1, 1, "coffee", "m")).post("/api/communities")),
            row("GET /api/communities", "401 200 200 200 200 200 200 200", (w, r) -> r.get("/api/communities")),
            row("GET /api/communities/{id}", "401 200 200 200 200 200 200 200",
                    (w, r) -> r.get("/api/communities/" + w.id)),
            row("PATCH /api/communities/{id}", "401 403 403 403 200 200 403 200",
                    (w, r) -> r.body("{\"description\":\"edited\"}").patch("/api/communities/" + w.id)),
            freshRow("DELETE /api/communities/{id}", "401 403 403 403 403 204 403 204",
                    (w, r) -> r.delete("/api/communities/" + w.id)),
            freshRow("POST /api/communities/{id}/members", "401 201 200 200 200 200 403 201",
                    (w, r) -> r.post("/api/communities/" + w.id + "/members")),
            freshRow("DELETE /api/communities/{id}/members/me", "401 204 204 204 204 409 204 204",
                    (w, r) -> r.delete("/api/communities/" + w.id + "/members/me")),
            row("GET /api/communities/{id}/members", "401 403 403 200 200 200 403 200",
                    (w, r) -> r.get("/api/communities/" + w.id + "/members")),
            row("GET /api/communities/{id}/join-requests", "401 403 403 403 200 200 403 200",
                    (w, r) -> r.get("/api/communities/" + w.id + "/join-requests")),
            row("POST /api/communities/{id}/join-requests/{u}/approve", "401 403 403 403 200 200 403 200",
                    (w, r) -> r.post("/api/communities/" + w.id + "/join-requests/" + w.newPending() + "/approve")),
            row("POST /api/communities/{id}/join-requests/{u}/reject", "401 403 403 403 204 204 403 204",
                    (w, r) -> r.post("/api/communities/" + w.id + "/join-requests/" + w.newPending() + "/reject")),
            row("PUT /api/communities/{id}/members/{u}/role", "401 403 403 403 403 200 403 403",
                    (w, r) -> r.body("{\"role\":\"MODERATOR\"}")
                            .put("/api/communities/" + w.id + "/members/" + w.newMember() + "/role")),
            row("POST /api/communities/{id}/bans", "401 403 403 403 201 201 403 201",
                    (w, r) -> r.body("{\"userId\":\"" + Tokens.newUserId("target") + "\",\"reason\":\"r\"}")
                            .post("/api/communities/" + w.id + "/bans")),
            freshRow("DELETE /api/communities/{id}/bans/{u}", "401 403 403 403 204 204 403 204",
                    (w, r) -> r.delete("/api/communities/" + w.id + "/bans/" + w.users.get(Who.BANNED))),
            row("POST /api/communities/{id}/posts", "401 403 403 201 201 201 403 403",
                    (w, r) -> r.body("{\"text\":\"hi\"}").post("/api/communities/" + w.id + "/posts")),
            row("GET /api/communities/{id}/posts", "401 403 403 200 200 200 403 200",
                    (w, r) -> r.get("/api/communities/" + w.id + "/posts")),
            row("GET /api/posts/{postId}", "401 403 403 200 200 200 403 200",
                    (w, r) -> r.get("/api/posts/" + w.postId)),
            row("PATCH /api/posts/{postId} (author is the member)", "401 403 403 200 403 403 403 403",
                    (w, r) -> r.body("{\"text\":\"edited\"}").patch("/api/posts/" + w.postId)),
            row("DELETE /api/posts/{postId} (author is the member)", "401 403 403 204 204 204 403 204",
                    (w, r) -> r.delete("/api/posts/" + w.newPostByMember())),
            row("POST /api/posts/{postId}/comments", "401 403 403 201 201 201 403 403",
                    (w, r) -> r.body("{\"text\":\"nice\"}").post("/api/posts/" + w.postId + "/comments")),
            row("GET /api/posts/{postId}/comments", "401 403 403 200 200 200 403 200",
                    (w, r) -> r.get("/api/posts/" + w.postId + "/comments")),
            row("PUT /api/posts/{postId}/reactions/me", "401 403 403 200 200 200 403 403",
                    (w, r) -> r.body("{\"type\":\"LIKE\"}").put("/api/posts/" + w.postId + "/reactions/me")),
            row("DELETE /api/posts/{postId}/reactions/me", "401 403 403 200 200 200 403 403",
                    (w, r) -> r.delete("/api/posts/" + w.postId + "/reactions/me")),
            row("POST /api/posts/{postId}/reports", "401 403 403 201 201 201 403 403",
                    (w, r) -> r.body("{\"reason\":\"spam\"}").post("/api/posts/" + w.postId + "/reports")),
            row("GET /api/communities/{id}/reports", "401 403 403 403 200 200 403 200",
                    (w, r) -> r.get("/api/communities/" + w.id + "/reports")),
            row("POST /api/posts/{postId}/hide", "401 403 403 403 204 204 403 204",
                    (w, r) -> r.post("/api/posts/" + w.newPostByMember() + "/hide")));

    @Test
    void everyEndpointAnswersEveryKindOfCallerAsSpecified() {
        List<String> mismatches = new ArrayList<>();
        int cells = 0;
        World shared = new World();
        for (Row row : MATRIX) {
            World world = row.fresh() ? new World() : shared;
            String[] expected = row.expected().split(" ");
            for (Who who : Who.values()) {
                RequestSpecification request = given().contentType(ContentType.JSON);
                if (who == Who.ADMIN) {
                    request.auth().oauth2(Tokens.forUser(world.users.get(who), "platform-admin"));
                } else if (who != Who.ANONYMOUS) {
                    request.auth().oauth2(Tokens.forUser(world.users.get(who)));
                }
                Response response = row.call().apply(world, request);
                int want = Integer.parseInt(expected[who.ordinal()]);
                cells++;
                if (response.statusCode() != want) {
                    mismatches.add(row.endpoint() + " as " + who + ": expected " + want + " but was "
                            + response.statusCode() + " " + response.asString());
                } else if (want >= 400 && !response.contentType().startsWith("application/problem+json")) {
                    mismatches.add(row.endpoint() + " as " + who + ": " + want + " without problem+json");
                }
            }
        }
        assertEquals(List.of(), mismatches, "of " + cells + " cells");
    }
}
