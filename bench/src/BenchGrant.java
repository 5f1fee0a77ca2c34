import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.circles.local.DevTokens;

/**
 * The cost of reading your own writes across services: an RSVP sent the moment its join answered (community-service
 * answers a join once member-joined is in Kafka; event-service waits for its projection when it has not applied the
 * join yet), next to a plain RSVP by a member the projection already knows, and the join itself.
 *
 * <pre>java BenchGrant PAIRS CONCURRENCY</pre>
 * Prints {@code grant NAME n N p50 X p99 Y max Z refused R} (milliseconds) for {@code join}, {@code rsvp-after-join}
 * and {@code rsvp-plain}.
 */
public final class BenchGrant {

    private static final String COMMUNITY = "http://127.0.0.1:8081";
    private static final String EVENT = "http://127.0.0.1:8082";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        new BenchGrant().run(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
    }

    private void run(int pairs, int concurrency) throws Exception {
        String owner = token("grant-owner-" + System.nanoTime());
        String community = id(send("POST", COMMUNITY + "/api/communities", owner, "{\"name\":\"Grant bench\","
                + "\"description\":\"benchmark\",\"interests\":[\"coffee\"],\"city\":\"Hangzhou\","
                + "\"location\":{\"lat\":30.2,\"lon\":120.1},\"visibility\":\"PUBLIC\"}"));
        Instant startsAt = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String activity = id(send("POST", EVENT + "/api/activities", owner, "{\"communityId\":\"" + community
                + "\",\"title\":\"Grant bench\",\"description\":\"benchmark\",\"startsAt\":\"" + startsAt
                + "\",\"endsAt\":\"" + startsAt.plus(2, ChronoUnit.HOURS) + "\",\"venue\":{\"name\":\"Lab\","
                + "\"address\":\"1 Rd\",\"lat\":30.2,\"lon\":120.1},\"capacity\":10}"));
        String rsvp = EVENT + "/api/activities/" + activity + "/rsvps/me";
        String join = COMMUNITY + "/api/communities/" + community + "/members";
        String run = Long.toString(System.nanoTime(), 36);

        // Members the projection already knows: join all first, give the projection a moment, then RSVP.
        List<String> settled = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            settled.add(token("grant-settled-" + run + "-" + i));
        }
        timed(settled, concurrency, member -> timedSend("POST", join, member, null));
        Thread.sleep(3_000);
        report("rsvp-plain", timed(settled, concurrency, member -> timedSend("PUT", rsvp, member, "{\"guests\":0}")));

        // Join, then the RSVP the moment the join answered.
        List<String> fresh = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            fresh.add(token("grant-fresh-" + run + "-" + i));
        }
        List<Long> joins = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger joinRefused = new AtomicInteger();
        Result afterJoin = timed(fresh, concurrency, member -> {
            Timed joined = timedSend("POST", join, member, null);
            joins.add(joined.nanos());
            if (joined.response().statusCode() >= 300) {
                joinRefused.incrementAndGet();
            }
            return timedSend("PUT", rsvp, member, "{\"guests\":0}");
        });
        report("join", new Result(joins, joinRefused.get()));
        report("rsvp-after-join", afterJoin);
    }

    /** Runs {@code call} once per member, {@code concurrency} at a time. */
    private Result timed(List<String> members, int concurrency, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Long> times = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> all = new ArrayList<>();
        for (String member : members) {
            all.add(pool.submit(() -> {
                Timed timed = call.send(member);
                times.add(timed.nanos());
                if (timed.response().statusCode() >= 300) {
                    refused.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> done : all) {
            done.get();
        }
        pool.shutdown();
        return new Result(times, refused.get());
    }

    private static void report(String name, Result result) {
        List<Long> sorted = new ArrayList<>(result.times());
        Collections.sort(sorted);
        System.out.printf("grant %s n %d p50 %.1f p99 %.1f max %.1f refused %d%n", name, sorted.size(),
                at(sorted, 0.50), at(sorted, 0.99), at(sorted, 1.0), result.refused());
    }

    private static double at(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }

    private HttpResponse<String> send(String method, String url, String token, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private Timed timedSend(String method, String url, String token, String body) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = send(method, url, token, body);
        return new Timed(response, System.nanoTime() - started);
    }

    private static String id(HttpResponse<String> response) {
        Matcher found = ID.matcher(response.body());
        if (response.statusCode() >= 300 || !found.find()) {
            throw new IllegalStateException("set-up failed: " + response.statusCode() + " " + response.body());
        }
        return found.group(1);
    }

    private static String token(String user) {
        return DevTokens.mint(user, Set.of("user"), Duration.ofHours(2));
    }

    /** One member's requests; answers the measured one. */
    private interface Call {
        Timed send(String member) throws Exception;
    }

    private record Timed(HttpResponse<String> response, long nanos) {
    }

    private record Result(List<Long> times, int refused) {
    }
}
