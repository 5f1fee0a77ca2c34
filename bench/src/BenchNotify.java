import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.circles.local.DevTokens;

/**
 * notification-service under the two loads its issue names, through the public APIs of community-service (the acts)
 * and notification-service (what their recipients see).
 *
 * <ol>
 * <li><b>Likes.</b> LIKERS distinct members like one post (CONCURRENCY at a time, as fast as community-service takes
 * them). The author's notifications are polled every 100 ms: the like group's {@code count} climbing to LIKERS gives
 * the rate notification-service applies them at, from the first like sent to the last one counted. At the end the
 * author must hold exactly one unread notification, counting every like.</li>
 * <li><b>Live delivery.</b> AUTHORS authors hold {@code /api/notifications/stream} open; other members comment on
 * their posts at RATE per second for SECONDS. Latency = the comment's {@code notification} event on the author's
 * stream (matched by the comment's text, which the notification quotes) − the comment's 201.</li>
 * </ol>
 *
 * <pre>java BenchNotify LIKERS CONCURRENCY RATE SECONDS</pre>
 * Prints {@code notify likes …} and {@code notify sse n N p50 X p99 Y max Z missing M} (milliseconds).
 */
public final class BenchNotify {

    private static final String COMMUNITY = "http://127.0.0.1:8081";
    private static final String NOTIFICATION = "http://127.0.0.1:8085";
    private static final int AUTHORS = 20;
    private static final int COMMENTERS = 50;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");
    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([A-Z_]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String run = Long.toString(System.nanoTime(), 36);
    private final AtomicInteger failures = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        BenchNotify bench = new BenchNotify();
        bench.likes(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
        bench.live(Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[1]));
        System.exit(bench.failures.get() == 0 ? 0 : 1);
    }

    // ----- likes: one post, LIKERS distinct members -----

    private void likes(int likers, int concurrency) throws Exception {
        String author = token("notify-author-" + run);
        String community = community(author, "Notify bench " + run);
        String post = id(send("POST", COMMUNITY + "/api/communities/" + community + "/posts", author,
                "{\"text\":\"one post, many likes\"}"));
        List<String> members = new ArrayList<>();
        for (int i = 0; i < likers; i++) {
            members.add(token("notify-liker-" + run + "-" + i));
        }
        String join = COMMUNITY + "/api/communities/" + community + "/members";
        each(members, concurrency, member -> send("POST", join, member, null).statusCode());

        AtomicLong counted = new AtomicLong();
        AtomicLong firstCountedAt = new AtomicLong();
        AtomicLong allCountedAt = new AtomicLong();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
        poller.scheduleWithFixedDelay(() -> {
            try {
                HttpResponse<String> page = send("GET", NOTIFICATION + "/api/notifications?limit=5", author, null);
                Matcher count = COUNT.matcher(page.body());
                long now = System.nanoTime();
                if (page.statusCode() == 200 && count.find()) {
                    long n = Long.parseLong(count.group(1));
                    counted.set(n);
                    firstCountedAt.compareAndSet(0, now);
                    if (n >= likers) {
                        allCountedAt.compareAndSet(0, now);
                    }
                }
            } catch (Exception e) {
                // the next poll tries again
            }
        }, 0, 100, TimeUnit.MILLISECONDS);

        String like = COMMUNITY + "/api/posts/" + post + "/reactions/me";
        List<Long> likeTimes = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        int refused = each(members, concurrency, member -> {
            long sent = System.nanoTime();
            int status = send("PUT", like, member, "{\"type\":\"LIKE\"}").statusCode();
            likeTimes.add(System.nanoTime() - sent);
            return status;
        });
        long likesDone = System.nanoTime();
        long deadline = likesDone + TimeUnit.SECONDS.toNanos(60);
        while (allCountedAt.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        poller.shutdownNow();
        poller.awaitTermination(5, TimeUnit.SECONDS);

        HttpResponse<String> page = send("GET", NOTIFICATION + "/api/notifications?limit=50", author, null);
        int groups = 0;
        Matcher type = TYPE.matcher(page.body());
        while (type.find()) {
            groups += type.group(1).equals("POST_LIKED") ? 1 : 0;
        }
        Matcher finalCount = COUNT.matcher(page.body());
        long count = finalCount.find() ? Long.parseLong(finalCount.group(1)) : 0;
        Matcher unread = COUNT.matcher(send("GET", NOTIFICATION + "/api/notifications/unread-count", author, null)
                .body());
        long unreadCount = unread.find() ? Long.parseLong(unread.group(1)) : -1;
        double sendSeconds = (likesDone - started) / 1e9;
        double applySeconds = allCountedAt.get() == 0 ? Double.NaN : (allCountedAt.get() - started) / 1e9;
        List<Long> sorted = new ArrayList<>(likeTimes);
        Collections.sort(sorted);
        System.out.printf("notify likes n %d refused %d sent_per_s %.0f like_p50 %.1f like_p99 %.1f applied_per_s %.0f"
                + " last_lag_ms %.0f groups %d count %d unread %d%n", likers, refused, likers / sendSeconds,
                at(sorted, 0.5), at(sorted, 0.99), counted.get() / applySeconds,
                allCountedAt.get() == 0 ? Double.NaN : (allCountedAt.get() - likesDone) / 1e6, groups, count,
                unreadCount);
        if (refused > 0 || groups != 1 || count != likers || unreadCount != 1) {
            failures.incrementAndGet();
        }
    }

    // ----- live delivery: comment 201 → the author's stream -----

    private void live(int rate, int seconds, int concurrency) throws Exception {
        String owner = token("notify-owner-" + run);
        String community = community(owner, "Notify live bench " + run);
        String join = COMMUNITY + "/api/communities/" + community + "/members";
        List<String> authors = new ArrayList<>();
        List<String> commenters = new ArrayList<>();
        for (int i = 0; i < AUTHORS; i++) {
            authors.add(token("notify-sse-author-" + run + "-" + i));
        }
        for (int i = 0; i < COMMENTERS; i++) {
            commenters.add(token("notify-commenter-" + run + "-" + i));
        }
        List<String> everyone = new ArrayList<>(authors);
        everyone.addAll(commenters);
        each(everyone, concurrency, member -> send("POST", join, member, null).statusCode());
        List<String> posts = new ArrayList<>();
        for (String author : authors) {
            posts.add(id(send("POST", COMMUNITY + "/api/communities/" + community + "/posts", author,
                    "{\"text\":\"a post to comment on\"}")));
        }

        Map<String, Long> answered = new ConcurrentHashMap<>();
        Map<String, Long> delivered = new ConcurrentHashMap<>();
        Pattern marker = Pattern.compile("nb-" + run + "-(\\d+)");
        CountDownLatch open = new CountDownLatch(AUTHORS);
        List<InputStream> streams = Collections.synchronizedList(new ArrayList<>());
        ExecutorService readers = Executors.newFixedThreadPool(AUTHORS);
        for (String author : authors) {
            readers.submit(() -> {
                HttpRequest request = HttpRequest.newBuilder(URI.create(NOTIFICATION + "/api/notifications/stream"))
                        .header("Authorization", "Bearer " + author).header("Accept", "text/event-stream").build();
                try {
                    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                    streams.add(response.body());
                    open.countDown();
                    BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                            StandardCharsets.UTF_8));
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (line.startsWith("data:")) {
                            long now = System.nanoTime();
                            Matcher found = marker.matcher(line);
                            while (found.find()) {
                                delivered.putIfAbsent(found.group(1), now);
                            }
                        }
                    }
                } catch (Exception e) {
                    open.countDown();
                }
                return null;
            });
        }
        open.await(30, TimeUnit.SECONDS);
        Thread.sleep(1_000);

        ScheduledExecutorService sender = Executors.newScheduledThreadPool(8);
        int total = rate * seconds;
        AtomicInteger next = new AtomicInteger();
        CountDownLatch sent = new CountDownLatch(total);
        long periodMicros = 1_000_000L / rate;
        sender.scheduleAtFixedRate(() -> {
            int k = next.getAndIncrement();
            if (k >= total) {
                return;
            }
            sender.execute(() -> {
                try {
                    HttpResponse<String> response = send("POST", COMMUNITY + "/api/posts/" + posts.get(k % AUTHORS)
                            + "/comments", commenters.get(k % COMMENTERS), "{\"text\":\"nb-" + run + "-" + k + "\"}");
                    if (response.statusCode() == 201) {
                        answered.put(Integer.toString(k), System.nanoTime());
                    } else {
                        failures.incrementAndGet();
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                } finally {
                    sent.countDown();
                }
            });
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        sent.await(seconds + 60L, TimeUnit.SECONDS);
        sender.shutdownNow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!delivered.keySet().containsAll(answered.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        for (InputStream stream : streams) {
            stream.close();
        }
        readers.shutdownNow();

        List<Long> latencies = new ArrayList<>();
        int missing = 0;
        for (Map.Entry<String, Long> comment : answered.entrySet()) {
            Long at = delivered.get(comment.getKey());
            if (at == null) {
                missing++;
            } else {
                latencies.add(Math.max(0, at - comment.getValue()));
            }
        }
        Collections.sort(latencies);
        System.out.printf("notify sse n %d p50 %.1f p99 %.1f max %.1f missing %d%n", answered.size(),
                at(latencies, 0.5), at(latencies, 0.99), at(latencies, 1.0), missing);
    }

    // ----- plumbing -----

    private String community(String owner, String name) throws Exception {
        return id(send("POST", COMMUNITY + "/api/communities", owner, "{\"name\":\"" + name + "\","
                + "\"description\":\"benchmark\",\"interests\":[\"coffee\"],\"city\":\"Hangzhou\","
                + "\"location\":{\"lat\":30.2,\"lon\":120.1},\"visibility\":\"PUBLIC\"}"));
    }

    /** Runs {@code call} once per member, {@code concurrency} at a time; answers how many got no 2xx. */
    private static int each(List<String> members, int concurrency, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> all = new ArrayList<>();
        for (String member : members) {
            all.add(pool.submit(() -> {
                int status = call.send(member);
                if (status < 200 || status >= 300) {
                    refused.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> done : all) {
            done.get();
        }
        pool.shutdown();
        return refused.get();
    }

    private static double at(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
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

    private interface Call {
        int send(String member) throws Exception;
    }
}
