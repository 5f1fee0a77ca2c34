package io.circles.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Loads a believable demo data set through the public API only (the gateway), as a client app would: two cities,
 * public and private interest communities, members, posts with images and a short video, an activity with a
 * waitlist, a merchant with products, followers and an active promotion. Each create carries an
 * {@code Idempotency-Key}, so running it twice does not duplicate what the first run created.
 */
public final class DemoData {

    /** The user whose feed shows a bit of everything afterwards. */
    public static final String FEATURED_USER = "erin";

    private static final String IMG = "https://images.circles.dev/demo/";

    /** How long the demo waits for an {@code up} that is still starting (minutes on a loaded laptop). */
    private static final Duration GATEWAY_WAIT = Duration.ofMinutes(10);

    /** What the gateway answers while a service is not listening or not ready yet. */
    private static final Set<Integer> UNAVAILABLE = Set.of(502, 503, 504);

    private final String gateway;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String run;
    private int created;
    private final Set<String> waitingFor = new LinkedHashSet<>();

    DemoData(String gateway, String run) {
        this.gateway = gateway;
        this.run = run;
    }

    /** Loads the data set; returns a one-paragraph summary for the console. */
    String load() throws IOException, InterruptedException {
        awaitGateway();
        // Communities: two cities, several interests, one private.
        String coffee = create("alice", "/api/communities", community("West Lake Coffee Walks",
                "Pour-over, latte art and slow walks around the lake. Beginners welcome.", List.of("coffee", "food"),
                "Hangzhou", 30.2590, 120.1300, "PUBLIC", null), "id");
        String hiking = create("bob", "/api/communities", community("Longjing Tea Trails",
                "Weekend hikes through the tea hills, ending with a cup of Longjing.", List.of("hiking", "tea"),
                "Hangzhou", 30.2300, 120.1180, "PUBLIC", null), "id");
        String cycling = create("carol", "/api/communities", community("Chengdu Night Riders",
                "Easy 30-40 km evening loops, lights on, no one left behind.", List.of("cycling"),
                "Chengdu", 30.6570, 104.0660, "PUBLIC", null), "id");
        String wine = create("dave", "/api/communities", community("Natural Wine Circle",
                "Small tastings of low-intervention wines. Members only.", List.of("wine"),
                "Hangzhou", 30.2740, 120.1550, "PRIVATE", "Which wine changed your mind about wine?"), "id");

        for (String user : List.of("erin", "frank", "gina", "hank", "bob")) {
            join(user, coffee, null);
        }
        for (String user : List.of("erin", "alice", "frank")) {
            join(user, hiking, null);
        }
        for (String user : List.of("erin", "ivan")) {
            join(user, cycling, null);
        }
        join("erin", wine, "A skin-contact Georgian amber, years ago.");

        // Posts: image-text and a short video.
        post("alice", coffee, "Sunday's latte art session: the tulips finally came out right.",
                images("latte-tulip.jpg", "latte-rosetta.jpg", "beans-ethiopia.jpg"));
        post("frank", coffee, "Found a tiny roastery by Hefang Street. Their washed Yirgacheffe is bright and clean.",
                images("roastery-hefang.jpg"));
        post("bob", hiking, "Sunrise from Shifeng — 40 minutes up from the tea village.",
                new JsonArray().add(new JsonObject().put("type", "VIDEO").put("url", IMG + "shifeng-sunrise.mp4")
                        .put("durationSec", 42).put("coverUrl", IMG + "shifeng-cover.jpg")));
        post("carol", cycling, "Route for Thursday: Jinli to Wangjianglou and back along the Jin River, 32 km.",
                images("jin-river-route.png"));

        // An activity with a waitlist: capacity 3 (organizer included), more RSVPs than seats.
        Instant saturday = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        String cupping = create("alice", "/api/activities", new JsonObject()
                .put("communityId", coffee)
                .put("title", "Saturday cupping: three Ethiopian naturals")
                .put("description", "We taste blind, then compare notes. Cups and beans provided.")
                .put("startsAt", saturday.toString())
                .put("endsAt", saturday.plus(2, ChronoUnit.HOURS).toString())
                .put("venue", new JsonObject().put("name", "Manner Coffee Lab").put("address", "18 Nanshan Rd")
                        .put("lat", 30.2489).put("lon", 120.1552))
                .put("capacity", 3), "id");
        for (String user : List.of("erin", "frank", "gina", "hank")) {
            send("PUT", user, "/api/activities/" + cupping + "/rsvps/me", new JsonObject().put("guests", 0), null);
        }

        // A merchant with products, a post, followers and a promotion targeting coffee lovers in Hangzhou.
        String roastery = create("mei", "/api/merchants", new JsonObject()
                .put("name", "Mei's Roastery").put("category", "cafe").put("city", "Hangzhou")
                .put("location", new JsonObject().put("lat", 30.2610).put("lon", 120.1690))
                .put("licenseNumber", "91350100M000100Y43"), "id");
        create("mei", "/api/merchants/" + roastery + "/products", new JsonObject()
                .put("title", "Yirgacheffe washed, 250 g").put("priceCents", 8800).put("currency", "CNY")
                .put("stock", 40).put("images", new JsonArray().add(IMG + "yirgacheffe-bag.jpg")), "id");
        create("mei", "/api/merchants/" + roastery + "/products", new JsonObject()
                .put("title", "Hand grinder, ceramic burr").put("priceCents", 26900).put("currency", "CNY")
                .put("stock", 12).put("images", new JsonArray().add(IMG + "grinder.jpg")), "id");
        String merchantPost = create("mei", "/api/merchants/" + roastery + "/posts", new JsonObject()
                .put("text", "New harvest Ethiopian naturals are in. Free tasting this weekend at the shop.")
                .put("media", images("new-harvest.jpg", "tasting-bar.jpg")), "id");
        for (String user : List.of("erin", "alice", "frank")) {
            send("PUT", user, "/api/merchants/" + roastery + "/followers/me", null, null);
        }
        create("mei", "/api/merchants/" + roastery + "/promotions", new JsonObject()
                .put("postId", merchantPost).put("budgetImpressions", 1000)
                .put("targeting", new JsonObject().put("interests", new JsonArray().add("coffee"))
                        .put("cities", new JsonArray().add("Hangzhou")))
                .put("startsAt", Instant.now().minus(1, ChronoUnit.MINUTES).toString())
                .put("endsAt", Instant.now().plus(14, ChronoUnit.DAYS).toString()), "id");

        return created + " objects loaded: 4 communities in Hangzhou and Chengdu (one private), 4 posts, an activity"
                + " with a waitlist, Mei's Roastery with 2 products, followers and an active promotion.";
    }

    /**
     * Waits for the gateway of an {@code up} that is still starting (it listens once every service is ready), so
     * {@code ./circles up & ./circles demo} works as well as running them one after the other.
     */
    private void awaitGateway() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + GATEWAY_WAIT.toNanos();
        HttpRequest health = HttpRequest.newBuilder(URI.create(gateway + "/health")).timeout(Duration.ofSeconds(3))
                .build();
        boolean told = false;
        while (true) {
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("no gateway answered at " + gateway + " within " + GATEWAY_WAIT.toSeconds()
                            + " s", notYet);
                }
            }
            if (!told) {
                System.out.println("waiting for the gateway at " + gateway + " …");
                told = true;
            }
            Thread.sleep(500);
        }
    }

    /** A failure in one line, also when the exception has no message (a refused connection has none). */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (text.length() > 0) {
                text.append(", caused by ");
            }
            text.append(cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage());
        }
        return text.toString();
    }

    private static JsonObject community(String name, String description, List<String> interests, String city,
            double lat, double lon, String visibility, String joinQuestion) {
        JsonObject body = new JsonObject().put("name", name).put("description", description)
                .put("interests", new JsonArray(interests)).put("city", city)
                .put("location", new JsonObject().put("lat", lat).put("lon", lon)).put("visibility", visibility);
        if (joinQuestion != null) {
            body.put("joinQuestion", joinQuestion);
        }
        return body;
    }

    private static JsonArray images(String... names) {
        JsonArray media = new JsonArray();
        for (String name : names) {
            media.add(new JsonObject().put("type", "IMAGE").put("url", IMG + name).put("width", 1080).put("height", 1350));
        }
        return media;
    }

    private void join(String user, String community, String answer) throws IOException, InterruptedException {
        send("POST", user, "/api/communities/" + community + "/members",
                answer == null ? null : new JsonObject().put("answer", answer), null);
    }

    private void post(String user, String community, String text, JsonArray media)
            throws IOException, InterruptedException {
        create(user, "/api/communities/" + community + "/posts", new JsonObject().put("text", text).put("media", media),
                "id");
    }

    private String create(String user, String path, JsonObject body, String idField)
            throws IOException, InterruptedException {
        String key = "demo-" + run + "-" + user + "-" + Integer.toHexString((path + body.encode()).hashCode());
        JsonObject response = send("POST", user, path, body, key);
        created++;
        return response.getString(idField);
    }

    private JsonObject send(String method, String user, String path, JsonObject body, String idempotencyKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + DevTokens.mint(user, Set.of("user"), Duration.ofHours(1)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.encode()));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        // The gateway is up before a slow service is: wait for it (every request is safe to repeat).
        long deadline = System.nanoTime() + GATEWAY_WAIT.toNanos();
        while (UNAVAILABLE.contains(response.statusCode()) && System.nanoTime() < deadline) {
            if (waitingFor.add(path.split("/")[2])) {
                System.out.println("waiting for the service behind " + path + " (" + response.statusCode() + ") …");
            }
            Thread.sleep(1_000);
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        if (response.statusCode() >= 300) {
            throw new IOException(method + " " + path + " as " + user + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body() == null || response.body().isBlank() ? new JsonObject() : new JsonObject(response.body());
    }

    /** Users the demo acts as, for the console hint. */
    static Set<String> users() {
        return new LinkedHashSet<>(List.of("alice", "bob", "carol", "dave", "erin", "frank", "gina", "hank", "ivan",
                "mei"));
    }
}
