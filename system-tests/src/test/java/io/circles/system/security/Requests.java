package io.circles.system.security;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.circles.system.security.SecurityWorld.Community;
import io.circles.test.Tokens;

/**
 * A well-formed request for every operation, built on the world: which fixture fills each path parameter and what
 * body the call carries. Calls that consume their target (a request to decide, a post to delete, an attendee to check
 * in) get a fresh one each time; calls that change the caller's own standing (join, leave, archive) act on a
 * community made for their row.
 */
final class Requests {

    /** What one call sends: path parameters, a query string (may be empty) and a JSON body (null: none). */
    record Call(Map<String, String> params, String query, String body, Map<String, String> headers) {

        String path(String template) {
            String path = template;
            for (Map.Entry<String, String> param : params.entrySet()) {
                path = path.replace("{" + param.getKey() + "}", param.getValue());
            }
            if (path.contains("{")) {
                throw new IllegalStateException("no value for a parameter of " + template);
            }
            return path + query;
        }

        Call with(String json) {
            return new Call(params, query, json, headers);
        }

        Call header(String name, String value) {
            return new Call(params, query, body, Map.of(name, value));
        }
    }

    /** The fixtures a row's calls act on: the world, the row's community, and a community of the row's own. */
    static final class Context {
        final SecurityWorld world;
        final Community community;
        private Community own;

        Context(SecurityWorld world, boolean onPrivate) {
            this.world = world;
            this.community = world.community(onPrivate);
        }

        /** A community with every role in place that only this row's calls touch. */
        Community own() {
            if (own == null) {
                own = world.community(community.visibility, 0);
            }
            return own;
        }
    }

    private static final Map<String, Function<Context, Call>> RECIPES = new HashMap<>();

    static {
        // community-service
        recipe("GET /api/interests", c -> call());
        recipe("GET /api/communities", c -> query("?city=" + SecurityWorld.CITY + "&sort=new"));
        recipe("GET /api/people/me", c -> call());
        recipe("PUT /api/people/me", c -> body("{\"displayName\":\"Policy Person\",\"bio\":\"Rides at dawn\","
                + "\"interests\":[\"cycling\"]}"));
        recipe("GET /api/people/{id}", c -> call("id", Tokens.newUserId("person")));
        recipe("GET /api/people/me/blocks", c -> call());
        recipe("PUT /api/people/me/blocks/{userId}", c -> call("userId", Tokens.newUserId("pest")));
        recipe("DELETE /api/people/me/blocks/{userId}", c -> call("userId", Tokens.newUserId("pest")));
        recipe("POST /api/communities", c -> body(SecurityWorld.communityJson("Policy circle", "PUBLIC")));
        recipe("GET /api/communities/recommended", c -> query("?limit=5"));
        recipe("GET /api/communities/{id}", c -> call("id", c.community.id));
        recipe("PATCH /api/communities/{id}", c -> call("id", c.community.id).with("{\"description\":\"Edited\"}"));
        // archiving is once per community: every caller gets a community of their own, never one archived already
        recipe("DELETE /api/communities/{id}", c -> call("id", c.world.community(c.community.visibility, 0).id));
        recipe("POST /api/communities/{id}/members", c -> call("id", c.own().id).with("{\"answer\":\"I ride\"}"));
        recipe("DELETE /api/communities/{id}/members/me", c -> call("id", c.own().id));
        recipe("GET /api/communities/{id}/members", c -> call("id", c.community.id));
        recipe("GET /api/communities/{id}/join-requests", c -> call("id", c.community.id));
        recipe("POST /api/communities/{id}/join-requests/{userId}/approve",
                c -> call("id", c.community.id, "userId", c.world.pendingUser(c.community)));
        recipe("POST /api/communities/{id}/join-requests/{userId}/reject",
                c -> call("id", c.community.id, "userId", c.world.pendingUser(c.community)));
        recipe("PUT /api/communities/{id}/members/{userId}/role",
                c -> call("id", c.community.id, "userId", c.world.newMember(c.community))
                        .with("{\"role\":\"MODERATOR\"}"));
        recipe("POST /api/communities/{id}/bans", c -> call("id", c.community.id)
                .with("{\"userId\":\"" + Tokens.newUserId("troll") + "\",\"reason\":\"spam\"}"));
        recipe("DELETE /api/communities/{id}/bans/{userId}",
                c -> call("id", c.community.id, "userId", c.world.newlyBanned(c.community)));
        recipe("POST /api/communities/{id}/posts", c -> call("id", c.community.id).with("{\"text\":\"Hello\"}"));
        recipe("GET /api/communities/{id}/posts", c -> call("id", c.community.id));
        recipe("GET /api/communities/{id}/reports", c -> call("id", c.community.id));
        recipe("GET /api/posts", c -> query("?q=Hello&city=" + SecurityWorld.CITY));
        recipe("GET /api/topics/trending", c -> query("?city=" + SecurityWorld.CITY));
        recipe("GET /api/topics/{tag}/posts", c -> call("tag", "hiking"));
        recipe("GET /api/posts/{postId}", c -> call("postId", c.community.postId));
        recipe("PATCH /api/posts/{postId}", c -> call("postId", c.community.postId).with("{\"text\":\"Edited\"}"));
        recipe("DELETE /api/posts/{postId}", c -> call("postId", c.world.post(c.community, "To delete")));
        recipe("GET /api/posts/{postId}/comments", c -> call("postId", c.community.postId));
        recipe("POST /api/posts/{postId}/comments", c -> call("postId", c.community.postId)
                .with("{\"text\":\"Nice\"}"));
        recipe("PUT /api/posts/{postId}/reactions/me", c -> call("postId", c.community.postId)
                .with("{\"type\":\"LIKE\"}"));
        recipe("DELETE /api/posts/{postId}/reactions/me", c -> call("postId", c.community.postId));
        recipe("POST /api/posts/{postId}/reports", c -> call("postId", c.community.postId)
                .with("{\"reason\":\"spam\"}"));
        recipe("POST /api/posts/{postId}/hide", c -> call("postId", c.world.post(c.community, "To hide")));

        // event-service
        recipe("GET /api/activities", c -> query("?communityId=" + c.community.id));
        recipe("POST /api/activities", c -> body(SecurityWorld.activityJson(c.community.id, "Policy ride")));
        recipe("GET /api/activities/{id}", c -> call("id", c.community.activityId));
        recipe("PATCH /api/activities/{id}", c -> call("id", c.community.activityId)
                .with("{\"description\":\"Edited\"}"));
        recipe("POST /api/activities/{id}/cancel", c -> call("id", c.world.activity(c.community)));
        recipe("POST /api/activities/{id}/check-ins", c -> call("id", c.community.activityId)
                .with("{\"userId\":\"" + c.community.takeAttendee() + "\"}"));
        recipe("GET /api/activities/{id}/rsvps", c -> call("id", c.community.activityId));
        recipe("PUT /api/activities/{id}/rsvps/me", c -> call("id", c.community.activityId));
        recipe("DELETE /api/activities/{id}/rsvps/me", c -> call("id", c.community.activityId));
        recipe("DELETE /api/activities/{id}/rsvps/{userId}",
                c -> call("id", c.community.activityId, "userId", c.community.takeAttendee()));

        // merchant-service
        recipe("GET /api/merchants", c -> query("?city=" + SecurityWorld.CITY));
        recipe("POST /api/merchants", c -> body(SecurityWorld.merchantJson()));
        recipe("GET /api/merchants/{id}", c -> call("id", c.world.merchant));
        recipe("POST /api/merchants/{id}/approve", c -> call("id", c.world.merchant(Role.MERCHANT_OWNER)));
        recipe("POST /api/merchants/{id}/suspend", c -> call("id", c.world.merchant(Role.MERCHANT_OWNER)));
        recipe("POST /api/merchants/{id}/reject", c -> call("id", c.world.pendingMerchant(Role.MERCHANT_OWNER))
                .with("{\"reason\":\"licence unreadable\"}"));
        recipe("PUT /api/merchants/{id}/followers/me", c -> call("id", c.world.merchant));
        recipe("DELETE /api/merchants/{id}/followers/me", c -> call("id", c.world.merchant));
        recipe("POST /api/merchants/{id}/posts", c -> call("id", c.world.merchant).with("{\"text\":\"New beans\"}"));
        recipe("GET /api/merchants/{id}/posts", c -> call("id", c.world.merchant));
        recipe("DELETE /api/merchants/{id}/posts/{postId}", c -> call("id", c.world.merchant,
                "postId", c.world.merchantPost(c.world.merchant, Role.MERCHANT_OWNER)));
        recipe("POST /api/merchants/{id}/products", c -> call("id", c.world.merchant)
                .with("{\"title\":\"Mug\",\"priceCents\":3900,\"currency\":\"CNY\",\"stock\":3,\"images\":[]}"));
        recipe("GET /api/merchants/{id}/products", c -> call("id", c.world.merchant));
        recipe("PATCH /api/merchants/{id}/products/{productId}",
                c -> call("id", c.world.merchant, "productId", c.world.product).with("{\"stock\":7}"));
        recipe("POST /api/merchants/{id}/promotions", c -> call("id", c.world.merchant)
                .with(SecurityWorld.promotionJson(c.world.merchantPost)));
        recipe("GET /api/promotions/{id}", c -> call("id", c.world.promotion));
        recipe("GET /api/promotions/{id}/stats", c -> call("id", c.world.promotion));
        recipe("POST /api/promotions/{id}/pause", c -> call("id", c.world.promotion));
        recipe("POST /api/promotions/{id}/resume", c -> call("id", c.world.promotion));
        recipe("GET /api/sourcing/offers", c -> query("?category=coffee&q=beans"));
        recipe("POST /api/sourcing/offers", c -> body("{\"title\":\"Yunnan beans 1kg\",\"category\":\"coffee\","
                + "\"supplier\":\"Pu'er Farms\",\"wholesalePriceCents\":6000,\"currency\":\"CNY\",\"minOrder\":10,"
                + "\"images\":[]}"));

        // feed-service
        recipe("GET /api/feeds/me", c -> call());
        recipe("GET /api/feeds/explore", c -> query("?city=" + SecurityWorld.CITY + "&limit=5"));
        recipe("GET /api/feeds/me/stream", c -> call().header("Accept", "text/event-stream"));
        recipe("GET /api/feeds/communities/{id}", c -> call("id", c.community.id));
        recipe("GET /api/feeds/merchants/{id}", c -> call("id", c.world.merchant));
        recipe("POST /api/feeds/me/sponsored/{impressionId}/click",
                c -> call("impressionId", UUID.randomUUID().toString()));
        recipe("POST /api/feeds/admin/rebuild", c -> call());

        // media-service
        recipe("POST /api/media", c -> body("{\"type\":\"IMAGE\",\"contentType\":\"image/png\",\"sizeBytes\":1000}"));
        recipe("GET /api/media/{id}", c -> call("id", c.world.media));
        recipe("POST /api/media/{id}/complete", c -> call("id", c.world.media));
        recipe("GET /api/media/files/{name}", c -> call("name", c.world.mediaFile));

        // notification-service
        recipe("GET /api/notifications", c -> query("?unread=true&limit=5"));
        recipe("GET /api/notifications/unread-count", c -> call());
        recipe("POST /api/notifications/{id}/read", c -> call("id", c.world.moderatorNotification()));
        recipe("POST /api/notifications/read-all", c -> call());
        recipe("GET /api/notifications/stream", c -> call().header("Accept", "text/event-stream"));
    }

    private Requests() {
    }

    static boolean has(String operation) {
        return RECIPES.containsKey(operation);
    }

    static Call build(String operation, Context context) {
        Function<Context, Call> recipe = RECIPES.get(operation);
        if (recipe == null) {
            throw new IllegalStateException("no request recipe for " + operation);
        }
        return recipe.apply(context);
    }

    private static void recipe(String operation, Function<Context, Call> recipe) {
        RECIPES.put(operation, recipe);
    }

    private static Call call(String... params) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            map.put(params[i], params[i + 1]);
        }
        return new Call(map, "", null, Map.of());
    }

    private static Call query(String query) {
        return new Call(Map.of(), query, null, Map.of());
    }

    private static Call body(String body) {
        return new Call(Map.of(), "", body, Map.of());
    }
}
