import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.circles.local.DevTokens;

/**
 * Loads the benchmark data set through the public HTTP API of community-service and event-service (no shortcuts
 * into databases or topics), and writes the Lua tables wrk's scripts read: tokens, join targets, RSVP targets.
 *
 * <pre>java -cp platform-local classpath:bench classes BenchLoad OUT_DIR USERS COMMUNITIES POSTS ACTIVITIES JOIN_COMMUNITIES</pre>
 *
 * Users bench-u0..bench-u(N-1); user u belongs to load community u / (N / COMMUNITIES), whose first user owns it.
 */
public final class BenchLoad {

    private static final String COMMUNITY = "http://127.0.0.1:8081";
    private static final String EVENT = "http://127.0.0.1:8082";
    private static final String FEED = "http://127.0.0.1:8084";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Semaphore inFlight = new Semaphore(32);
    private final AtomicInteger failures = new AtomicInteger();
    private final List<String> tokens = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int users = Integer.parseInt(args[1]);
        int communities = Integer.parseInt(args[2]);
        int posts = Integer.parseInt(args[3]);
        int activities = Integer.parseInt(args[4]);
        int joinCommunities = Integer.parseInt(args[5]);
        new BenchLoad().run(out, users, communities, posts, activities, joinCommunities);
    }

    private void run(Path out, int users, int communities, int posts, int activities, int joinCommunities)
            throws Exception {
        long t0 = System.nanoTime();
        int perCommunity = users / communities;
        for (int u = 0; u < users; u++) {
            tokens.add(DevTokens.mint("bench-u" + u, Set.of("user"), Duration.ofHours(2)));
        }
        String ownerToken = DevTokens.mint("bench-owner", Set.of("user"), Duration.ofHours(2));
        step("tokens minted: " + users, t0);

        // Load communities (owned by their first user) and join-target communities (owned by bench-owner).
        String[] load = parallel(communities, c -> post(COMMUNITY + "/api/communities", tokens.get(c * perCommunity),
                community("Bench load " + c))).join().toArray(String[]::new);
        String[] joinTargets = parallel(joinCommunities, j -> post(COMMUNITY + "/api/communities", ownerToken,
                community("Bench join target " + j))).join().toArray(String[]::new);
        step("communities created: " + communities + " load + " + joinCommunities + " join targets", t0);

        parallel(users, u -> u % perCommunity == 0 ? CompletableFuture.completedFuture("owner")
                : post(COMMUNITY + "/api/communities/" + load[u / perCommunity] + "/members", tokens.get(u), "{}"))
                .join();
        step("members joined: " + (users - communities), t0);

        // feed-service fans out only to active users (seen:{u:..}, set by reading one's feed): every user reads
        // their feed once, as an app would on start, so the posts below land in all 2,000 home timelines.
        parallel(users, u -> send(HttpRequest.newBuilder(URI.create(FEED + "/api/feeds/me?limit=20")).GET(),
                tokens.get(u), FEED)).join();
        step("every user read their feed once (active)", t0);
        // Membership reaches feed-service and event-service through Kafka; give it a moment before posting.
        Thread.sleep(5000);
        parallel(communities * posts, i -> {
            int c = i % communities;
            int author = c * perCommunity + (i / communities) % perCommunity;
            return post(COMMUNITY + "/api/communities/" + load[c] + "/posts", tokens.get(author),
                    "{\"text\":\"Bench post " + i + ": pour-over at dawn, who is in?\",\"media\":[]}");
        }).join();
        step("posts created: " + communities * posts, t0);

        Instant start = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        String[] acts = parallel(communities * activities, i -> {
            int c = i / activities;
            return post(EVENT + "/api/activities", tokens.get(c * perCommunity), "{\"communityId\":\"" + load[c]
                    + "\",\"title\":\"Bench activity " + i + "\",\"description\":\"bench\",\"startsAt\":\"" + start
                    + "\",\"endsAt\":\"" + start.plus(2, ChronoUnit.HOURS) + "\",\"venue\":{\"name\":\"Cafe\","
                    + "\"address\":\"1 Lake Rd\",\"lat\":30.2,\"lon\":120.1},\"capacity\":10000}");
        }).join().toArray(String[]::new);
        step("activities created: " + acts.length, t0);

        Files.createDirectories(out);
        StringBuilder lua = new StringBuilder("tokens = {\n");
        tokens.forEach(t -> lua.append("\"").append(t).append("\",\n"));
        lua.append("}\nper_community = ").append(perCommunity).append("\ncommunities = {");
        for (String c : load) {
            lua.append("\"").append(c).append("\",");
        }
        lua.append("}\njoin_targets = {");
        for (String j : joinTargets) {
            lua.append("\"").append(j).append("\",");
        }
        lua.append("}\nactivities_per_community = ").append(activities).append("\nactivities = {");
        for (String a : acts) {
            lua.append("\"").append(a).append("\",");
        }
        lua.append("}\n");
        Files.writeString(out.resolve("data.lua"), lua);
        Files.writeString(out.resolve("sample-activity"), acts[0]);
        Files.writeString(out.resolve("sample-token"), tokens.get(1));
        step("wrote " + out.resolve("data.lua") + "; failed requests: " + failures.get(), t0);
        if (failures.get() > 0) {
            System.exit(1);
        }
    }

    private static String community(String name) {
        return "{\"name\":\"" + name + "\",\"description\":\"benchmark\",\"interests\":[\"coffee\"],"
                + "\"city\":\"Hangzhou\",\"location\":{\"lat\":30.2,\"lon\":120.1},\"visibility\":\"PUBLIC\"}";
    }

    private CompletableFuture<List<String>> parallel(int n, IntFunction<CompletableFuture<String>> task) {
        List<CompletableFuture<String>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            inFlight.acquireUninterruptibly();
            CompletableFuture<String> f = task.apply(i);
            f.whenComplete((r, e) -> inFlight.release());
            all.add(f);
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .thenApply(v -> all.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<String> post(String url, String token, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), token, url);
    }

    private CompletableFuture<String> send(HttpRequest.Builder builder, String token, String url) {
        HttpRequest request = builder.timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            if (r.statusCode() / 100 != 2) {
                if (failures.incrementAndGet() <= 5) {
                    System.err.println(request.method() + " " + url + " -> " + r.statusCode() + " " + r.body());
                }
                return null;
            }
            Matcher m = ID.matcher(r.body());
            return m.find() ? m.group(1) : "";
        });
    }

    private static void step(String what, long t0) {
        System.out.printf("  [%5.1f s] %s%n", (System.nanoTime() - t0) / 1e9, what);
    }

    private BenchLoad() {
    }
}
