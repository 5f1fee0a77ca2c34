import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import io.circles.local.DevTokens;
import io.circles.local.Resp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Loads the benchmark data set through the public HTTP API of community-service, event-service and feed-service, and
 * writes the tables the load generators read.
 *
 * <pre>
 * BenchLoad setup OUT USERS BLOCK ACTIVITIES JOIN_COMMUNITIES KAFKA REDIS_PORT FILL_POSTS
 * BenchLoad posts OUT blocks|all POSTS       POSTS posts into each community of BLOCK members, or into "all"
 * </pre>
 *
 * Users bench-u0..bench-u(USERS-1). User u belongs to one community of each size BLOCK, 2 x BLOCK, 5 x BLOCK (number
 * u / size, owned by its first user) and to the community "all" of every user: a post fans out to BLOCK or to USERS
 * timelines, and four communities' recent posts fill a timeline. Everything goes through the public API except the
 * memberships, which are produced to community.events.v1 as community-service would (40,000 joins through the API
 * would take most of the time budget; joins are measured on their own).
 */
public final class BenchLoad {

    static final String COMMUNITY = "http://127.0.0.1:8081";
    static final String EVENT = "http://127.0.0.1:8082";
    static final String FEED = "http://127.0.0.1:8084";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Semaphore inFlight = new Semaphore(48);
    /** Joins (and as many RSVPs) sent to warm the write paths during the load. */
    private static final int WARM_WRITES = 3000;
    /** The join targets kept for warm-ups (JOIN_WARM in run.sh); measured runs join the others. */
    private static final int WARM_JOIN_TARGETS = 10;
    private final AtomicInteger failures = new AtomicInteger();
    private final long t0 = System.nanoTime();

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[1]);
        BenchLoad load = new BenchLoad();
        switch (args[0]) {
            case "setup" -> load.setup(out, Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]), args[6], Integer.parseInt(args[7]),
                    Integer.parseInt(args[8]));
            case "posts" -> load.posts(out, args[2], Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("setup or posts, not " + args[0]);
        }
        if (load.failures.get() > 0) {
            System.exit(1);
        }
    }

    private void setup(Path out, int users, int block, int activities, int joinCommunities, String kafka,
            int redisPort, int fillPosts) throws Exception {
        int blocks = users / block;
        // RS256 signing is the slow part of minting: both cores at it.
        List<String> tokens = IntStream.range(0, users).parallel().mapToObj(u -> token("bench-u" + u)).toList();
        String ownerToken = token("bench-owner");
        step("tokens minted: " + users);

        // Every user is in one community of each size: BLOCK, 2 x BLOCK, 5 x BLOCK and all USERS.
        int[] sizes = {block, 2 * block, 5 * block, users};
        List<int[]> layout = new ArrayList<>(); // {size, index}
        for (int size : sizes) {
            for (int c = 0; c < users / size; c++) {
                layout.add(new int[] {size, c});
            }
        }
        String[] ids = parallel(layout.size(), i -> post(COMMUNITY + "/api/communities",
                tokens.get(layout.get(i)[0] * layout.get(i)[1]),
                community("Bench " + layout.get(i)[0] + " #" + layout.get(i)[1]))).join().toArray(String[]::new);
        String[] joinTargets = parallel(joinCommunities, j -> post(COMMUNITY + "/api/communities", ownerToken,
                community("Bench join target " + j))).join().toArray(String[]::new);
        step("communities created: " + layout.size() + " (sizes " + Arrays.toString(sizes) + "), " + joinCommunities
                + " join targets");

        // Posts first, while each community has its owner only: they land in the communities' timelines. (Posted
        // after the memberships, each would cost a fan-out call per member, if only to find the member inactive.)
        // They go straight to the topic, as community-service publishes them (the post path is measured by the
        // fan-out and freshness scenarios): a minute less of loading. Published a second apart, oldest first.
        Instant firstPost = Instant.now().minusSeconds(fillPosts + 60L);
        try (KafkaProducer<String, String> producer = producer(kafka)) {
            for (int k = 0; k < fillPosts; k++) {
                for (int c = 0; c < layout.size(); c++) {
                    String owner = "bench-u" + layout.get(c)[0] * layout.get(c)[1];
                    producer.send(postPublished(ids[c], owner, k * layout.size() + c, firstPost.plusSeconds(k)));
                }
            }
            producer.flush();
        }
        for (int i = 0; i < 600 && zcard(redisPort, "ctl:{c:" + ids[layout.size() - 1] + "}") < fillPosts; i++) {
            Thread.sleep(100);
        }
        step("posts published: " + layout.size() * fillPosts + " (" + fillPosts + " per community); feed-service has"
                + " them");

        // Activities too, before the members: their cards reach the community timelines without a fan-out call per
        // member (refilled into the timelines with the posts).
        Instant start = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        String[] acts = parallel(blocks * activities, i -> {
            int c = i / activities;
            return postOnceKnown(EVENT + "/api/activities", tokens.get(c * block), "{\"communityId\":\"" + ids[c]
                    + "\",\"title\":\"Bench activity " + i + "\",\"description\":\"bench\",\"startsAt\":\"" + start
                    + "\",\"endsAt\":\"" + start.plus(2, ChronoUnit.HOURS) + "\",\"venue\":{\"name\":\"Cafe\","
                    + "\"address\":\"1 Lake Rd\",\"lat\":30.2,\"lon\":120.1},\"capacity\":10000}");
        }).join().toArray(String[]::new);
        step("activities created: " + acts.length);

        // Memberships go straight to the topic, as community-service would publish them (the join path itself is
        // measured on its own below): one member-joined event per (community, member), the owners joined on creation.
        int events = 0;
        try (KafkaProducer<String, String> producer = producer(kafka)) {
            for (int i = 0; i < layout.size(); i++) {
                int size = layout.get(i)[0];
                int first = size * layout.get(i)[1];
                for (int u = first + 1; u < first + size; u++) {
                    producer.send(memberJoined(ids[i], "bench-u" + u));
                    events++;
                }
            }
            producer.flush();
        }
        String all = ids[layout.size() - 1];
        String lastBlock = ids[blocks - 1];
        for (int i = 0; i < 600; i++) {
            if (scard(redisPort, "members:{c:" + all + "}") >= users
                    && scard(redisPort, "members:{c:" + lastBlock + "}") >= block) {
                break;
            }
            Thread.sleep(100);
        }
        step("member-joined events produced: " + events + "; feed-service has them");

        // Every user opens the app once: a user who was not active gets their timeline refilled from their
        // communities' timelines (up to feed.backfill-size items of each), which fills it.
        // Meanwhile the join and RSVP paths are warmed up (the JIT compiles them while feed-service refills; a few
        // seconds of warm-up before their scenarios would measure them half-interpreted). Warm-up pairs are their own:
        // the warm-up join targets joined by the last users, every user's second activity.
        CompletableFuture<Integer> warm = CompletableFuture.supplyAsync(() -> warmWrites(tokens, joinTargets, acts,
                block, activities));
        parallel(users, u -> get(FEED + "/api/feeds/me?limit=20", tokens.get(u))).join();
        step("every user read their feed once (active, timelines refilled)");
        step("write paths warmed up alongside: " + warm.join() + " joins and RSVPs");


        Files.createDirectories(out);
        StringBuilder lua = new StringBuilder("tokens = {\n");
        tokens.forEach(t -> lua.append("\"").append(t).append("\",\n"));
        lua.append("}\nper_community = ").append(block).append("\ncommunities = {");
        for (int c = 0; c < blocks; c++) {
            lua.append("\"").append(ids[c]).append("\",");
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
        // The communities for the posting tools: size, id, owner's token, a member's token (the watched reader).
        StringBuilder communities = new StringBuilder();
        for (int i = 0; i < layout.size(); i++) {
            int first = layout.get(i)[0] * layout.get(i)[1];
            communities.append(layout.get(i)[0] == users ? "all" : layout.get(i)[0] == block ? "block" : "other")
                    .append(' ').append(ids[i]).append(' ').append(tokens.get(first)).append(' ')
                    .append(tokens.get(first + 1)).append('\n');
        }
        Files.writeString(out.resolve("communities.txt"), communities);
        Files.writeString(out.resolve("sample-activity"), acts[0]);
        Files.writeString(out.resolve("sample-token"), tokens.get(1));
        step("wrote " + out.resolve("data.lua") + "; failed requests: " + failures.get());
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /** The event community-service publishes when a user joins (CloudEvents binary headers, JSON body). */
    private static ProducerRecord<String, String> memberJoined(String communityId, String userId) {
        Instant now = Instant.now();
        ProducerRecord<String, String> record = new ProducerRecord<>("community.events.v1", communityId,
                "{\"communityId\":\"" + communityId + "\",\"userId\":\"" + userId + "\",\"role\":\"MEMBER\","
                        + "\"joinedAt\":\"" + now + "\"}");
        return cloudEvent(record, "io.circles.community.member-joined.v1", communityId + "/members/" + userId, now);
    }

    private static ProducerRecord<String, String> postPublished(String communityId, String authorId, int i,
            Instant at) {
        String postId = UUID.randomUUID().toString();
        ProducerRecord<String, String> record = new ProducerRecord<>("community.posts.v1", communityId,
                "{\"postId\":\"" + postId + "\",\"communityId\":\"" + communityId + "\",\"communityName\":\"Bench\","
                        + "\"visibility\":\"PUBLIC\",\"interests\":[\"coffee\"],\"city\":\"Hangzhou\",\"authorId\":\""
                        + authorId + "\",\"text\":\"Bench post " + i + ": pour-over at dawn, who is in?\",\"media\":[],"
                        + "\"publishedAt\":\"" + at + "\"}");
        return cloudEvent(record, "io.circles.community.post-published.v1", postId, at);
    }

    /** The CloudEvents headers community-service's outbox relay puts on a record. */
    private static ProducerRecord<String, String> cloudEvent(ProducerRecord<String, String> record, String type,
            String subject, Instant time) {
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_type", type);
        header(record, "ce_source", "/bench");
        header(record, "ce_subject", subject);
        header(record, "ce_time", time.toString());
        header(record, "ce_specversion", "1.0");
        header(record, "content-type", "application/json");
        return record;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static long zcard(int redisPort, String key) throws Exception {
        return Long.parseLong(Resp.call(redisPort, "ZCARD", key).trim());
    }

    private static long scard(int redisPort, String key) throws Exception {
        return Long.parseLong(Resp.call(redisPort, "SCARD", key).trim());
    }

    /** POSTS posts into each block community (interleaved) or into the community of every user. */
    private void posts(Path out, String which, int posts) throws Exception {
        List<String[]> targets = Files.readAllLines(out.resolve("communities.txt")).stream()
                .map(line -> line.split(" ")).filter(f -> f[0].equals(which.equals("all") ? "all" : "block"))
                .toList();
        parallel(targets.size() * posts, i -> {
            String[] target = targets.get(i % targets.size());
            return post(COMMUNITY + "/api/communities/" + target[1] + "/posts", target[2], postBody(i));
        }).join();
        step("posts created: " + targets.size() * posts + " into " + which + "; failed requests: " + failures.get());
    }

    static String postBody(int i) {
        return "{\"text\":\"Bench post " + i + ": pour-over at dawn, who is in?\",\"media\":[]}";
    }

    static String token(String user) {
        return DevTokens.mint(user, Set.of("user"), Duration.ofHours(2));
    }

    private static String community(String name) {
        return "{\"name\":\"" + name + "\",\"description\":\"benchmark\",\"interests\":[\"coffee\"],"
                + "\"city\":\"Hangzhou\",\"location\":{\"lat\":30.2,\"lon\":120.1},\"visibility\":\"PUBLIC\"}";
    }

    private static CompletableFuture<String> done() {
        return CompletableFuture.completedFuture("");
    }

    /** Joins and RSVPs nobody measures, 16 at a time; their answers are not checked (a warm-up). */
    private int warmWrites(List<String> tokens, String[] joinTargets, String[] acts, int block, int activities) {
        int users = tokens.size();
        int joins = Math.min(WARM_WRITES, users);
        Semaphore slots = new Semaphore(16);
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < 2 * joins; i++) {
            slots.acquireUninterruptibly();
            CompletableFuture<HttpResponse<Void>> sent;
            if (i % 2 == 0) {
                int u = users - 1 - i / 2;
                String target = joinTargets[(i / 2) % Math.min(WARM_JOIN_TARGETS, joinTargets.length)];
                sent = quiet(HttpRequest.newBuilder(URI.create(COMMUNITY + "/api/communities/" + target + "/members"))
                        .POST(HttpRequest.BodyPublishers.noBody()), tokens.get(u));
            } else {
                int u = (i / 2) * 101 % users;
                String activity = acts[(u / block) * activities + 1];
                sent = quiet(HttpRequest.newBuilder(URI.create(EVENT + "/api/activities/" + activity + "/rsvps/me"))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"guests\":0}")), tokens.get(u));
            }
            all.add(sent.whenComplete((r, e) -> slots.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        return 2 * joins;
    }

    private CompletableFuture<HttpResponse<Void>> quiet(HttpRequest.Builder builder, String token) {
        return http.sendAsync(authorized(builder, token), HttpResponse.BodyHandlers.discarding())
                .exceptionally(e -> null);
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
        return send(postRequest(url, body), token, url);
    }

    private static HttpRequest.Builder postRequest(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /**
     * As {@link #post}, for a service that learns of the community from the topic: a 404 while it has not yet is
     * tried again (every 0.5 s, for up to a minute).
     */
    private CompletableFuture<String> postOnceKnown(String url, String token, String body) {
        return postOnceKnown(url, token, body, 120);
    }

    private CompletableFuture<String> postOnceKnown(String url, String token, String body, int attempts) {
        HttpRequest request = authorized(postRequest(url, body), token);
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((r, e) -> {
            if (e == null && r.statusCode() == 404 && attempts > 1) {
                return CompletableFuture.supplyAsync(() -> (String) null,
                        CompletableFuture.delayedExecutor(500, java.util.concurrent.TimeUnit.MILLISECONDS))
                        .thenCompose(ignored -> postOnceKnown(url, token, body, attempts - 1));
            }
            return CompletableFuture.completedFuture(result(request, url, r, e));
        }).thenCompose(next -> next);
    }

    private CompletableFuture<String> get(String url, String token) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), token, url);
    }

    private CompletableFuture<String> send(HttpRequest.Builder builder, String token, String url) {
        HttpRequest request = authorized(builder, token);
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((r, e) -> result(request, url, r, e));
    }

    private static HttpRequest authorized(HttpRequest.Builder builder, String token) {
        return builder.timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token).build();
    }

    /** The id in a 2xx response's body ("" if none); null, counted as a failure, for anything else. */
    private String result(HttpRequest request, String url, HttpResponse<String> r, Throwable e) {
        if (e != null || r.statusCode() / 100 != 2) {
            if (failures.incrementAndGet() <= 5) {
                System.err.println(request.method() + " " + url + " -> "
                        + (e != null ? e : r.statusCode() + " " + r.body()));
            }
            return null;
        }
        Matcher m = ID.matcher(r.body());
        return m.find() ? m.group(1) : "";
    }

    private void step(String what) {
        System.out.printf("  [%5.1f s] %s%n", (System.nanoTime() - t0) / 1e9, what);
    }

    private BenchLoad() {
    }
}
