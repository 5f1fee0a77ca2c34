import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Freshness: posts at a steady rate into the block communities (round robin) and measures, per post, the time from
 * its 201 to the post being readable in a member's home feed (polled every POLL_MS) and to its arrival on that
 * member's SSE stream. One watched member per community holds the stream open and polls.
 *
 * <pre>java BenchFresh OUT RATE_PER_SECOND SECONDS [KAFKA_BOOTSTRAP [REDIS_HOST:PORT]]</pre>
 * Prints one line per channel: {@code fresh feed|sse posts N p50 X p99 Y max Z missing M} (milliseconds). With a
 * Kafka bootstrap address it also reads {@code community.posts.v1} and prints the same line for {@code kafka}: the
 * time from the 201 to the post-published record's timestamp (when community-service's outbox relay produced it), the
 * first stage of the way to the feed, measured by wall clock. With a Redis address it listens on the communities'
 * live channels ({@code live:{c:…}}, where feed-service announces a post once it has stored it) and prints the line
 * for {@code stored}: the 201 to that announcement. Last, {@code fresh page} gives the round trips of the polls.
 */
public final class BenchFresh {

    private static final int POLL_MS = 20;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern POST_ID = Pattern.compile("\"postId\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** Post id → nanoTime of its 201. */
    private final Map<String, Long> created = new ConcurrentHashMap<>();
    private final Map<String, Long> inFeed = new ConcurrentHashMap<>();
    private final Map<String, Long> onStream = new ConcurrentHashMap<>();
    /** Post id → nanoTime of its announcement on its community's live channel (stored by feed-service). */
    private final Map<String, Long> stored = new ConcurrentHashMap<>();
    /** Round trips of the feed polls while posts are sent, in milliseconds. */
    private final java.util.Queue<Double> pageTrips = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Post id → wall-clock millis of its 201, and of its record on Kafka. */
    private final Map<String, Long> createdAtMillis = new ConcurrentHashMap<>();
    private final Map<String, Long> onKafkaMillis = new ConcurrentHashMap<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final java.util.concurrent.CountDownLatch readerPositioned = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean running = true;

    public static void main(String[] args) throws Exception {
        new BenchFresh().run(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                args.length > 3 ? args[3] : null, args.length > 4 ? args[4] : null);
    }

    private void run(Path out, int rate, int seconds, String kafka, String redis) throws Exception {
        List<String[]> targets = Files.readAllLines(out.resolve("communities.txt")).stream()
                .map(line -> line.split(" ")).filter(f -> f[0].equals("block")).toList();
        List<Thread> watchers = new ArrayList<>();
        for (String[] target : targets) {
            watchers.add(daemon(() -> stream(target[3])));
            watchers.add(daemon(() -> poll(target[3])));
        }
        if (kafka != null) {
            watchers.add(daemon(() -> readPosts(kafka)));
            if (!readerPositioned.await(30, TimeUnit.SECONDS)) {
                System.err.println("kafka reader: not positioned within 30 s");
            }
        }
        if (redis != null) {
            watchers.add(daemon(() -> listenStored(redis)));
        }
        Thread.sleep(2000); // streams subscribed, pollers running

        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger sent = new AtomicInteger();
        int total = rate * seconds;
        long periodNanos = 1_000_000_000L / rate;
        clock.scheduleAtFixedRate(() -> {
            int i = sent.getAndIncrement();
            if (i >= total) {
                return;
            }
            String[] target = targets.get(i % targets.size());
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(BenchLoad.COMMUNITY + "/api/communities/" + target[1] + "/posts"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + target[2])
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(BenchLoad.postBody(1_000_000 + i))).build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                long now = System.nanoTime();
                if (e != null || r.statusCode() != 201) {
                    if (failures.incrementAndGet() <= 5) {
                        System.err.println("post -> " + (e != null ? e : r.statusCode() + " " + r.body()));
                    }
                    return;
                }
                Matcher m = ID.matcher(r.body());
                if (m.find()) {
                    created.put(m.group(1), now);
                    createdAtMillis.put(m.group(1), System.currentTimeMillis());
                }
            });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        Thread.sleep(seconds * 1000L + 5000); // the last posts get 5 s to arrive
        clock.shutdownNow();
        running = false;
        int posted = Math.min(sent.get(), total);
        report("feed", inFeed, posted);
        report("sse", onStream, posted);
        if (kafka != null) {
            reportMillis("kafka", onKafkaMillis, posted);
        }
        if (redis != null) {
            report("stored", stored, posted);
        }
        List<Double> trips = new ArrayList<>(pageTrips);
        Collections.sort(trips);
        System.out.printf("fresh page polls %d p50 %.1f p99 %.1f max %.1f%n", trips.size(), pct(trips, 0.50),
                pct(trips, 0.99), trips.isEmpty() ? 0 : trips.get(trips.size() - 1));
        if (failures.get() > 0) {
            System.err.println("failed posts: " + failures.get());
            System.exit(1);
        }
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void report(String channel, Map<String, Long> seen, int sent) {
        List<Double> delays = new ArrayList<>();
        int missing = 0;
        for (Map.Entry<String, Long> post : created.entrySet()) {
            Long at = seen.get(post.getKey());
            if (at == null) {
                missing++;
            } else {
                delays.add(Math.max(0, at - post.getValue()) / 1e6);
            }
        }
        Collections.sort(delays);
        System.out.printf("fresh %s posts %d created %d p50 %.1f p99 %.1f max %.1f missing %d%n", channel, sent,
                created.size(), pct(delays, 0.50), pct(delays, 0.99),
                delays.isEmpty() ? 0 : delays.get(delays.size() - 1), missing);
    }

    private void reportMillis(String channel, Map<String, Long> seen, int sent) {
        List<Double> delays = new ArrayList<>();
        int missing = 0;
        for (Map.Entry<String, Long> post : createdAtMillis.entrySet()) {
            Long at = seen.get(post.getKey());
            if (at == null) {
                missing++;
            } else {
                delays.add((double) Math.max(0, at - post.getValue()));
            }
        }
        Collections.sort(delays);
        System.out.printf("fresh %s posts %d created %d p50 %.1f p99 %.1f max %.1f missing %d%n", channel, sent,
                createdAtMillis.size(), pct(delays, 0.50), pct(delays, 0.99),
                delays.isEmpty() ? 0 : delays.get(delays.size() - 1), missing);
    }

    /** Reads community.posts.v1 from its end and notes when each post-published record was produced. */
    private void readPosts(String bootstrap) {
        java.util.Properties config = new java.util.Properties();
        config.put("bootstrap.servers", bootstrap);
        config.put("enable.auto.commit", "false");
        config.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        config.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        try (org.apache.kafka.clients.consumer.KafkaConsumer<String, String> consumer =
                new org.apache.kafka.clients.consumer.KafkaConsumer<>(config)) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer
                    .partitionsFor("community.posts.v1", Duration.ofSeconds(10)).stream()
                    .map(info -> new org.apache.kafka.common.TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            readerPositioned.countDown();
            while (running) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    Matcher m = POST_ID.matcher(record.value());
                    if (m.find()) {
                        onKafkaMillis.putIfAbsent(m.group(1), record.timestamp());
                    }
                }
            }
        } catch (RuntimeException e) {
            System.err.println("kafka reader: " + e);
        }
    }

    private static double pct(List<Double> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
    }

    /** The member's SSE stream: records when each id arrives. */
    private void stream(String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(BenchLoad.FEED + "/api/feeds/me/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        try {
            HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while (running && (line = lines.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        long now = System.nanoTime();
                        Matcher m = ID.matcher(line);
                        if (m.find()) {
                            onStream.putIfAbsent(m.group(1), now);
                        }
                    }
                }
            }
        } catch (Exception e) {
            if (running) {
                System.err.println("stream ended: " + e);
            }
        }
    }

    /**
     * The communities' live channels, on a plain RESP connection: {@code PSUBSCRIBE live:{c:*}}, each message a
     * timeline member (a UUID as the base64url of its 16 bytes, any other id behind a {@code ~}).
     */
    private void listenStored(String redis) {
        String[] hostPort = redis.replaceFirst("^redis://", "").split(":");
        try (java.net.Socket socket = new java.net.Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
            String pattern = "live:{c:*";
            socket.getOutputStream().write(("*2\r\n$10\r\nPSUBSCRIBE\r\n$" + pattern.length() + "\r\n" + pattern
                    + "\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            while (running) {
                String header = in.readLine();
                if (header == null) {
                    return;
                }
                if (!header.startsWith("*")) {
                    continue;
                }
                int parts = Integer.parseInt(header.substring(1));
                String[] values = new String[parts];
                for (int i = 0; i < parts; i++) {
                    String line = in.readLine();
                    values[i] = line.startsWith("$") ? in.readLine() : line.substring(1);
                }
                if (parts == 4 && values[0].equals("pmessage")) {
                    long now = System.nanoTime();
                    stored.putIfAbsent(itemId(values[3]), now);
                }
            }
        } catch (Exception e) {
            if (running) {
                System.err.println("live channel listener: " + e);
            }
        }
    }

    private static String itemId(String member) {
        if (member.startsWith("~")) {
            return member.substring(1);
        }
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(java.util.Base64.getUrlDecoder().decode(member));
        return new java.util.UUID(bytes.getLong(), bytes.getLong()).toString();
    }

    /** The member's home feed, first page, every POLL_MS: records when each id is first readable. */
    private void poll(String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(BenchLoad.FEED + "/api/feeds/me?limit=20"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).build();
        while (running) {
            try {
                long start = System.nanoTime();
                String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
                long now = System.nanoTime();
                if (!created.isEmpty()) {
                    pageTrips.add((now - start) / 1e6);
                }
                Matcher m = ID.matcher(body);
                while (m.find()) {
                    inFeed.putIfAbsent(m.group(1), now);
                }
                Thread.sleep(POLL_MS);
            } catch (Exception e) {
                // the next poll tries again
            }
        }
    }

    private BenchFresh() {
    }
}
