import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
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
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.VirtualMachine;
import io.circles.local.DevTokens;
import io.circles.local.LocalInfrastructure;
import io.circles.local.LocalService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The soak: a fixed-rate, open-loop mixed load on a stack of its own, sampled every 10 s.
 *
 * <pre>
 * SoakDriver MINUTES RATE DATA_DIR OUT_DIR DOC      (-Dcircles.repo: where the services' built jars are)
 * </pre>
 *
 * Starts Kafka, PostgreSQL, Redis (platform-local, under DATA_DIR, fresh) and the four services on free ports (so it
 * never competes with a running {@code ./circles up} or benchmark for 8080-8084), loads a small data set through the public API, then sends RATE requests per second at fixed instants whatever the
 * responses do (latency is measured from the instant a request was due, so a stalled service cannot hide its queue):
 * 60% feed reads, 15% posts, 15% joins and leaves, 10% RSVPs and cancellations. Every sample records errors, p99 per
 * call type, heap after a forced GC per service, consumer lag of every group and the outbox backlog; the run writes
 * soak.csv, one SVG per series and the soak section of DOC, and exits 1 if the run failed its criteria.
 */
public final class SoakDriver {

    /** Each service's port, chosen free at start. */
    static final Map<String, Integer> PORTS = new LinkedHashMap<>();
    static String COMMUNITY;
    static String EVENT;
    static String FEED;
    static final List<String> SERVICES = List.of("community-service", "event-service", "merchant-service",
            "feed-service");
    static final List<String> OUTBOX_SERVICES = List.of("community-service", "event-service", "merchant-service");
    static final List<String> CALLS = List.of("feed", "post", "join", "rsvp");
    static final int SAMPLE_SECONDS = 10;
    static final int WARM_UP_SECONDS = 120;
    /** A forced full GC per service every third sample: often enough for a trend, rare enough not to own the p99. */
    static final int HEAP_EVERY = 3;
    static final int USERS = 400;
    static final int COMMUNITIES = 8;
    static final int JOIN_TARGETS = 10;
    static final int ACTIVITIES_PER_COMMUNITY = 3;
    static final int ACTIVITY_CAPACITY = 40;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final long t0 = System.nanoTime();
    private final AtomicInteger setupFailures = new AtomicInteger();
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final List<String> errorSamples = new ArrayList<>();
    /** What the warm-up did, for the report. */
    static String warmUp = "none";

    private final List<String> tokens = new ArrayList<>();
    private String[] communities;
    private String[] joinTargets;
    private String[] activities;

    public static void main(String[] args) throws Exception {
        double minutes = Double.parseDouble(args[0]);
        int rate = Integer.parseInt(args[1]);
        Path data = Path.of(args[2]);
        Path out = Path.of(args[3]);
        Path doc = Path.of(args[4]);
        Files.createDirectories(out);
        SoakDriver soak = new SoakDriver();
        String bootstrap = soak.startStack(data, Path.of(System.getProperty("circles.repo", ".")));
        soak.setup();
        Run run = soak.run(minutes, rate, bootstrap);
        Report report = new Report(run, minutes, rate);
        report.write(out, doc);
        System.exit(report.passed() ? 0 : 1);
    }

    // ----- the stack -----

    /** What {@code ./circles up --fresh} starts, on free ports; stopped when this JVM exits. Returns Kafka's address. */
    private String startStack(Path data, Path repo) throws IOException {
        deleteRecursively(data);
        Map<String, String> databases = new LinkedHashMap<>();
        databases.put("community-service", "community");
        databases.put("event-service", "event");
        databases.put("merchant-service", "merchant");
        databases.put("feed-service", null);
        LocalInfrastructure infra = LocalInfrastructure.start(data.resolve("infra"),
                databases.values().stream().filter(d -> d != null).toList());
        step("infrastructure up: " + infra);
        List<LocalService> services = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            services.parallelStream().forEach(LocalService::stop);
            infra.close();
        }, "soak-stack-stop"));
        for (String service : SERVICES) {
            int port = freePort();
            PORTS.put(service, port);
            Map<String, String> config = new LinkedHashMap<>(infra.quarkusConfig(databases.get(service)));
            config.put("mp.jwt.verify.publickey.location",
                    repo.resolve("platform-runtime/src/main/resources/dev-keys/jwt-public.pem").toString());
            Path jar = repo.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
            services.add(LocalService.start(service, jar, port, config, data.resolve("logs").resolve(service + ".log")));
        }
        // Generous: on a machine shared with builds a service may need minutes to start.
        services.parallelStream().forEach(s -> s.awaitReady(Duration.ofMinutes(6)));
        COMMUNITY = "http://127.0.0.1:" + PORTS.get("community-service");
        EVENT = "http://127.0.0.1:" + PORTS.get("event-service");
        FEED = "http://127.0.0.1:" + PORTS.get("feed-service");
        step("services ready: " + PORTS);
        return infra.kafka().bootstrapServers();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    // ----- data set -----

    private void setup() {
        for (int u = 0; u < USERS; u++) {
            tokens.add(token("soak-u" + u));
        }
        String owner = token("soak-owner");
        int perCommunity = USERS / COMMUNITIES;
        communities = parallel(COMMUNITIES, c -> post(COMMUNITY + "/api/communities", tokens.get(c * perCommunity),
                community("Soak circle " + c))).join().toArray(String[]::new);
        joinTargets = parallel(JOIN_TARGETS, j -> post(COMMUNITY + "/api/communities", owner,
                community("Soak join target " + j))).join().toArray(String[]::new);
        parallel(USERS, u -> u % perCommunity == 0 ? CompletableFuture.completedFuture("")
                : post(COMMUNITY + "/api/communities/" + communities[u / perCommunity] + "/members", tokens.get(u),
                "{}")).join();
        Instant start = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        activities = parallel(COMMUNITIES * ACTIVITIES_PER_COMMUNITY, i -> {
            int c = i / ACTIVITIES_PER_COMMUNITY;
            return post(EVENT + "/api/activities", tokens.get(c * perCommunity), "{\"communityId\":\""
                    + communities[c] + "\",\"title\":\"Soak activity " + i + "\",\"description\":\"soak\","
                    + "\"startsAt\":\"" + start + "\",\"endsAt\":\"" + start.plus(2, ChronoUnit.HOURS)
                    + "\",\"venue\":{\"name\":\"Cafe\",\"address\":\"1 Lake Rd\",\"lat\":30.2,\"lon\":120.1},"
                    + "\"capacity\":" + ACTIVITY_CAPACITY + "}");
        }).join().toArray(String[]::new);
        // Feed-service fans out to active users only: everyone reads their feed once, as an app does on start.
        parallel(USERS, u -> get(FEED + "/api/feeds/me?limit=20", tokens.get(u))).join();
        step("data set: " + USERS + " users, " + COMMUNITIES + " communities of " + perCommunity + ", "
                + JOIN_TARGETS + " join targets, " + activities.length + " activities (capacity "
                + ACTIVITY_CAPACITY + "); failed setup requests: " + setupFailures.get());
        if (setupFailures.get() > 0) {
            throw new IllegalStateException("the data set could not be loaded");
        }
    }

    // ----- the load -----

    /** One 10 s sample. Heap is NaN where not measured; lag and backlog are -1 where unreadable. */
    record Sample(double seconds, long sent, long ok, long errors, Map<String, Double> p99,
                  Map<String, Double> heapMb, long lag, Map<String, Long> groupLag, Map<String, Long> outbox) {
    }

    record Run(List<Sample> samples, long sent, long errors, List<String> errorSamples, double drainSeconds,
               long lagAfterDrain, long outboxAfterDrain, Map<String, long[]> callCounts,
               Map<String, double[]> runPercentiles) {
    }

    private Run run(double minutes, int rate, String bootstrap) throws Exception {
        CALLS.forEach(c -> windows.put(c, new Window()));
        Probes probes = new Probes(bootstrap);
        List<Sample> samples = new ArrayList<>();
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long durationNanos = (long) (minutes * 60e9);
        long[] counters = new long[4];
        warmUp(rate, counters);
        long start = System.nanoTime();
        long nextSample = start + TimeUnit.SECONDS.toNanos(SAMPLE_SECONDS);
        int sampleIndex = 0;
        AtomicLong okCount = new AtomicLong();
        Thread sampler = null;
        step("load: " + rate + " req/s for " + minutes + " min (feed 60%, post 15%, join/leave 15%, rsvp 10%)");
        for (long i = 0; ; i++) {
            long due = start + i * periodNanos;
            if (due - start >= durationNanos) {
                break;
            }
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(Math.min(due - now, 1_000_000));
            }
            fire(i, due, counters, okCount);
            if (now >= nextSample) {
                sampleIndex++;
                final int index = sampleIndex;
                final double seconds = (now - start) / 1e9;
                // The window closes here, on the schedule; the probes (a forced GC, Kafka, HTTP) then run beside the
                // load so they never delay a due request.
                Map<String, Double> p99 = new LinkedHashMap<>();
                CALLS.forEach(call -> p99.put(call, windows.get(call).drainP99Millis()));
                long[] counts = {sent.get(), okCount.get(), errors.get()};
                Thread previous = sampler;
                sampler = new Thread(() -> {
                    join(previous);
                    Sample s = sample(probes, seconds, index, counts, p99);
                    synchronized (samples) {
                        samples.add(s);
                    }
                    step(describe(s));
                }, "soak-sampler");
                sampler.setDaemon(true);
                sampler.start();
                nextSample += TimeUnit.SECONDS.toNanos(SAMPLE_SECONDS);
            }
        }
        join(sampler);
        step("load stopped; waiting for in-flight requests and for lag and backlog to drain");
        long drainStart = System.nanoTime();
        while (sent.get() > okCount.get() + errors.get() && System.nanoTime() - drainStart < 15e9) {
            Thread.sleep(100);
        }
        long lag = -1;
        long backlog = -1;
        while (System.nanoTime() - drainStart < 120e9) {
            lag = probes.lag().values().stream().mapToLong(Long::longValue).sum();
            backlog = probes.outbox().values().stream().mapToLong(Long::longValue).sum();
            if (lag == 0 && backlog == 0) {
                break;
            }
            Thread.sleep(500);
        }
        double drain = (System.nanoTime() - drainStart) / 1e9;
        step(String.format(Locale.ROOT, "drained in %.1f s: lag %d, outbox %d", drain, lag, backlog));
        probes.close();
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, double[]> percentiles = new LinkedHashMap<>();
        for (String c : CALLS) {
            counts.put(c, windows.get(c).counts());
            windows.get(c).drainP99Millis();
            percentiles.put(c, new double[] {windows.get(c).runPercentileMillis(0.5),
                    windows.get(c).runPercentileMillis(0.99), windows.get(c).runPercentileMillis(0.999)});
        }
        return new Run(samples, sent.get(), errors.get(), errorSamples, drain, lag, backlog, counts, percentiles);
    }

    /**
     * Freshly started services run interpreted code and have cold pools, and on a small machine six JVMs compiling
     * their hot paths at once use most of the CPU for minutes: a sudden full rate queues more than they can ever
     * catch up with. So the soak proper starts after a ramp of {@link #WARM_UP_SECONDS} s from a tenth of the rate
     * up to the full rate, as a deploy takes traffic; its requests are reported apart and not counted.
     */
    private void warmUp(int rate, long[] counters) throws InterruptedException {
        double from = Math.max(1, rate / 10.0);
        double seconds = WARM_UP_SECONDS;
        AtomicLong ok = new AtomicLong();
        long start = System.nanoTime();
        double at = 0; // seconds since the start at which request i is due
        for (long i = 0; at < seconds; i++) {
            long due = start + (long) (at * 1e9);
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(Math.min(due - now, 1_000_000));
            }
            fire(i, due, counters, ok);
            at += 1.0 / (from + (rate - from) * at / seconds);
        }
        long waitStart = System.nanoTime();
        while (sent.get() > ok.get() + errors.get() && System.nanoTime() - waitStart < 15e9) {
            Thread.sleep(100);
        }
        warmUp = String.format(Locale.ROOT, "a %d s ramp from %.0f to %d req/s before the measured load: %d requests,"
                + " %d errors", WARM_UP_SECONDS, from, rate, sent.get(), errors.get());
        step("warm-up: " + warmUp + (errorSamples.isEmpty() ? "" : "; first error: " + errorSamples.get(0)));
        sent.set(0);
        errors.set(0);
        synchronized (errorSamples) {
            errorSamples.clear();
        }
        CALLS.forEach(c -> windows.put(c, new Window()));
    }

    /** Request i of the schedule: the call type follows a fixed 20-slot pattern (12 feed, 3 post, 3 join, 2 rsvp). */
    private void fire(long i, long due, long[] counters, AtomicLong okCount) {
        int slot = (int) (i % 20);
        String call = slot < 12 ? "feed" : slot < 15 ? "post" : slot < 18 ? "join" : "rsvp";
        int perCommunity = USERS / COMMUNITIES;
        HttpRequest request;
        Set<Integer> expected;
        switch (call) {
            case "feed" -> {
                int u = (int) (counters[0]++ * 7919 % USERS);
                request = authorized(FEED + "/api/feeds/me?limit=20", u).GET().build();
                expected = Set.of(200);
            }
            case "post" -> {
                long k = counters[1]++;
                int u = (int) (k * 31 % USERS);
                request = authorized(COMMUNITY + "/api/communities/" + communities[u / perCommunity] + "/posts", u)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Soak post " + k
                                + ": pour-over at dawn, who is in?\",\"media\":[]}")).build();
                expected = Set.of(201);
            }
            case "join" -> {
                // Walks every (user, target) pair, joining on even passes and leaving on odd ones: the same pair
                // comes back only after USERS * JOIN_TARGETS calls, so a join and its leave never race.
                long k = counters[2]++;
                int u = (int) (k % USERS);
                String target = joinTargets[(int) (k / USERS % JOIN_TARGETS)];
                boolean join = k / ((long) USERS * JOIN_TARGETS) % 2 == 0;
                String url = COMMUNITY + "/api/communities/" + target + "/members";
                request = join
                        ? authorized(url, u).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{}")).build()
                        : authorized(url + "/me", u).DELETE().build();
                expected = join ? Set.of(201) : Set.of(204);
            }
            default -> {
                // Same walk over (user, activity of the user's community): RSVP, then cancel a full cycle later.
                long k = counters[3]++;
                int u = (int) (k % USERS);
                int a = (u / perCommunity) * ACTIVITIES_PER_COMMUNITY
                        + (int) (k / USERS % ACTIVITIES_PER_COMMUNITY);
                boolean rsvp = k / ((long) USERS * ACTIVITIES_PER_COMMUNITY) % 2 == 0;
                String url = EVENT + "/api/activities/" + activities[a] + "/rsvps/me";
                request = rsvp
                        ? authorized(url, u).header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString("{\"guests\":0}")).build()
                        : authorized(url, u).DELETE().build();
                expected = rsvp ? Set.of(200, 201) : Set.of(200, 204);
            }
        }
        sent.incrementAndGet();
        Window window = windows.get(call);
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            long latency = System.nanoTime() - due;
            if (failure == null && expected.contains(response.statusCode())) {
                okCount.incrementAndGet();
                window.record(latency);
            } else {
                errors.incrementAndGet();
                window.error(latency);
                synchronized (errorSamples) {
                    if (errorSamples.size() < 10) {
                        errorSamples.add(request.method() + " " + request.uri().getPath() + " -> "
                                + (failure != null ? failure.toString()
                                : response.statusCode() + " " + abbreviate(response.body())));
                    }
                }
            }
        });
    }

    private Sample sample(Probes probes, double seconds, int index, long[] counts, Map<String, Double> p99) {
        Map<String, Double> heap = new LinkedHashMap<>();
        for (String service : SERVICES) {
            heap.put(service, index % HEAP_EVERY == 0 ? probes.heapAfterGcMb(service) : Double.NaN);
        }
        Map<String, Long> groupLag = probes.lag();
        long lag = groupLag.isEmpty() ? -1 : groupLag.values().stream().mapToLong(Long::longValue).sum();
        return new Sample(seconds, counts[0], counts[1], counts[2], p99, heap, lag, groupLag, probes.outbox());
    }

    private static String describe(Sample s) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "t=%4.0fs sent %d errors %d p99",
                s.seconds(), s.sent(), s.errors()));
        s.p99().forEach((k, v) -> line.append(String.format(Locale.ROOT, " %s %.0fms", k, v)));
        if (s.heapMb().values().stream().anyMatch(v -> !v.isNaN())) {
            line.append(" heap");
            s.heapMb().forEach((k, v) -> line.append(String.format(Locale.ROOT, " %s %.0fMB",
                    k.replace("-service", ""), v)));
        }
        line.append(" lag ").append(s.lag()).append(" outbox ").append(s.outbox().values());
        return line.toString();
    }

    /** Latencies of one call type since the last sample. */
    static final class Window {
        private long[] nanos = new long[4096];
        private int size;
        private long total;
        private long failed;
        private long[] all = new long[4096];
        private int allSize;

        synchronized void record(long latency) {
            total++;
            if (size == nanos.length) {
                nanos = Arrays.copyOf(nanos, size * 2);
            }
            nanos[size++] = latency;
        }

        /** An error counts in the latency too: a timeout is the slowest answer there is. */
        synchronized void error(long latency) {
            failed++;
            record(latency);
        }

        /** Requests and errors since the start: {total, failed}. */
        synchronized long[] counts() {
            return new long[] {total, failed};
        }

        synchronized double drainP99Millis() {
            if (size == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(nanos, size);
            if (allSize + size > all.length) {
                all = Arrays.copyOf(all, Math.max(all.length * 2, allSize + size));
            }
            System.arraycopy(nanos, 0, all, allSize, size);
            allSize += size;
            size = 0;
            return percentileMillis(sorted, 0.99);
        }

        /** A percentile over every latency drained so far (the whole run). */
        synchronized double runPercentileMillis(double p) {
            return allSize == 0 ? Double.NaN : percentileMillis(Arrays.copyOf(all, allSize), p);
        }

        private static double percentileMillis(long[] values, double p) {
            Arrays.sort(values);
            int rank = (int) Math.ceil(p * values.length) - 1;
            return values[Math.max(0, rank)] / 1e6;
        }
    }

    // ----- probes: heap, consumer lag, outbox backlog -----

    /** Reads the stack's state: JMX of each service JVM (attached once), Kafka's offsets, the services' metrics. */
    final class Probes implements AutoCloseable {
        private final Admin admin;
        private final Map<String, JMXConnector> jmx = new LinkedHashMap<>();
        /** Its own client: the probes must not queue behind the load's connections. */
        private final HttpClient metrics = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Probes(String bootstrap) {
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
            p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000);
            admin = Admin.create(p);
            for (String service : SERVICES) {
                try {
                    long pid = pidOf(service).orElseThrow(() -> new IOException("no JVM for " + service));
                    VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
                    String address = vm.startLocalManagementAgent();
                    vm.detach();
                    jmx.put(service, JMXConnectorFactory.connect(new JMXServiceURL(address)));
                } catch (Exception e) {
                    step("cannot attach to " + service + " (its heap will be missing): " + e);
                }
            }
        }

        /** Used heap right after a full GC (System.gc through JMX), in MB; NaN if the JVM cannot be reached. */
        double heapAfterGcMb(String service) {
            JMXConnector connector = jmx.get(service);
            if (connector == null) {
                return Double.NaN;
            }
            try {
                MBeanServerConnection connection = connector.getMBeanServerConnection();
                MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(connection,
                        ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
                memory.gc();
                return memory.getHeapMemoryUsage().getUsed() / 1048576.0;
            } catch (Exception e) {
                return Double.NaN;
            }
        }

        /** Consumer lag per group: end offsets minus committed offsets over every partition the group has. */
        Map<String, Long> lag() {
            Map<String, Long> result = new LinkedHashMap<>();
            try {
                List<String> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()
                        .get(8, TimeUnit.SECONDS).stream().map(GroupListing::groupId).sorted().toList();
                for (String group : groups) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata().get(8, TimeUnit.SECONDS);
                    Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
                    committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                    var ends = admin.listOffsets(latest).all().get(8, TimeUnit.SECONDS);
                    long lag = 0;
                    for (var e : committed.entrySet()) {
                        if (e.getValue() != null && ends.containsKey(e.getKey())) {
                            lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
                        }
                    }
                    result.put(group, lag);
                }
            } catch (Exception e) {
                step("consumer lag unreadable: " + e);
            }
            return result;
        }

        /** The outbox gauge ({@code circles_outbox_waiting}) of each service with an outbox; -1 if unreadable. */
        Map<String, Long> outbox() {
            Map<String, Long> result = new LinkedHashMap<>();
            for (String service : OUTBOX_SERVICES) {
                int port = PORTS.get(service);
                long value = -1;
                try {
                    HttpResponse<String> r = metrics.send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/q/metrics"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    for (String line : r.body().split("\n")) {
                        if (line.startsWith("circles_outbox_waiting")) {
                            value = Math.max(0, value) + (long) Double.parseDouble(
                                    line.substring(line.lastIndexOf(' ') + 1));
                        }
                    }
                } catch (Exception e) {
                    value = -1;
                }
                result.put(service, value);
            }
            return result;
        }

        @Override
        public void close() {
            admin.close(Duration.ofSeconds(5));
            for (JMXConnector c : jmx.values()) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // The service may already be stopping.
                }
            }
        }
    }

    /** The service JVM started by {@code circles up}: marked with -Dcircles.service and its fixed port. */
    static Optional<Long> pidOf(String service) {
        String port = "-Dquarkus.http.port=" + PORTS.get(service);
        return ProcessHandle.allProcesses()
                .filter(p -> {
                    String cmd = commandLine(p);
                    return cmd.contains("-Dcircles.service=" + service) && cmd.contains(port);
                })
                .map(ProcessHandle::pid).findFirst();
    }

    private static String commandLine(ProcessHandle p) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")))
                    .replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return p.info().commandLine().orElse("");
        }
    }

    // ----- HTTP helpers -----

    private HttpRequest.Builder authorized(String url, int user) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + tokens.get(user));
    }

    private CompletableFuture<List<String>> parallel(int n, IntFunction<CompletableFuture<String>> task) {
        Semaphore inFlight = new Semaphore(16);
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

    private CompletableFuture<String> get(String url, String token) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), token, url);
    }

    private CompletableFuture<String> send(HttpRequest.Builder builder, String token, String url) {
        HttpRequest request = builder.timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((r, e) -> {
            if (e != null || r.statusCode() / 100 != 2) {
                if (setupFailures.incrementAndGet() <= 5) {
                    System.err.println(request.method() + " " + url + " -> "
                            + (e != null ? e : r.statusCode() + " " + r.body()));
                }
                return null;
            }
            Matcher m = ID.matcher(r.body());
            return m.find() ? m.group(1) : "";
        });
    }

    static String token(String user) {
        return DevTokens.mint(user, Set.of("user"), Duration.ofHours(4));
    }

    private static String community(String name) {
        return "{\"name\":\"" + name + "\",\"description\":\"soak\",\"interests\":[\"coffee\"],"
                + "\"city\":\"Hangzhou\",\"location\":{\"lat\":30.2,\"lon\":120.1},\"visibility\":\"PUBLIC\"}";
    }

    private static String abbreviate(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
    }

    private static void join(Thread t) {
        if (t != null) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void step(String message) {
        System.out.printf(Locale.ROOT, "[soak %4.0f s] %s%n", (System.nanoTime() - t0) / 1e9, message);
    }
}
