package io.circles.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * Command-line entry point behind ./circles: runs the whole platform locally (up, down, token).
 */
public final class LocalStack {

    /** A service of the platform: where its jar lives, its HTTP port and its database (null = none). */
    record Service(String name, int port, String database) {
    }

    /** The one service that keeps objects in the S3-compatible store. */
    static final String OBJECT_STORE_USER = "media-service";

    static final List<Service> SERVICES = List.of(
            new Service("community-service", 8081, "community"),
            new Service("event-service", 8082, "event"),
            new Service("merchant-service", 8083, "merchant"),
            new Service("feed-service", 8084, null),
            new Service("notification-service", 8085, "notification"),
            new Service("media-service", 8086, "media"));

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final PrintStream OUT = System.out;

    private LocalStack() {
    }

    public static void main(String[] args) {
        quietLibraryLogging();
        List<String> rest = new ArrayList<>(List.of(args));
        String command = rest.isEmpty() ? "help" : rest.remove(0);
        try {
            int code = switch (command) {
                case "up" -> up(rest);
                case "down" -> down(rest);
                case "token" -> token(rest);
                case "demo" -> demo(rest);
                case "status" -> status(rest);
                case "help", "-h", "--help" -> help();
                default -> {
                    System.err.println("unknown command: " + command + " (try: help)");
                    yield 2;
                }
            };
            if (code != 0 || !"up".equals(command)) {
                System.exit(code);
            }
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (IOException e) {
            System.err.println("circles: " + e.getMessage());
            System.exit(1);
        }
    }

    private static int help() {
        OUT.println("""
                usage: circles <command>
                  up [--fresh] [--data DIR] [--traces DIR]
                                              start Kafka, PostgreSQL, Redis, the services and the gateway (Ctrl-C stops);
                                              --traces: each service writes its spans to DIR/<service>.jsonl
                  down [--data DIR]           stop a running 'up'
                  token <user> [--admin]      print a development JWT for <user>
                  demo [--gateway URL]        load demo communities, posts, an activity and a merchant via the API
                  status [--data DIR]         what runs where, ready or not, consumer lag and outbox backlog
                  help                        this text""");
        return 0;
    }

    private static int demo(List<String> args) throws IOException {
        String gateway = "http://localhost:" + LocalGateway.DEFAULT_PORT;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--gateway") && i + 1 < args.size()) {
                gateway = args.get(++i);
            } else {
                throw new UsageException("usage: circles demo [--gateway URL]");
            }
        }
        OUT.println("loading demo data through " + gateway + " …");
        try {
            OUT.println(new DemoData(gateway, "v1").load());
        } catch (IOException e) {
            System.err.println("demo data could not be loaded: " + DemoData.describe(e));
            System.err.println("is the platform up? start it with ./circles up");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        OUT.println("Users: " + String.join(", ", DemoData.users()) + ". See " + DemoData.FEATURED_USER + "'s feed:");
        OUT.println("  curl -s -H \"Authorization: Bearer $(./circles token " + DemoData.FEATURED_USER + ")\" "
                + gateway + "/api/feeds/me");
        return 0;
    }

    private static int token(List<String> args) {
        String user = null;
        Set<String> groups = new LinkedHashSet<>(List.of("user"));
        for (String a : args) {
            if ("--admin".equals(a)) {
                groups.add("platform-admin");
            } else if (a.startsWith("-")) {
                throw new UsageException("unknown option " + a + "; usage: circles token <user> [--admin]");
            } else if (user == null) {
                user = a;
            } else {
                throw new UsageException("usage: circles token <user> [--admin]");
            }
        }
        if (user == null) {
            throw new UsageException("usage: circles token <user> [--admin]");
        }
        OUT.println(DevTokens.mint(user, groups, Duration.ofHours(24)));
        return 0;
    }

    private static int status(List<String> args) {
        Options o = Options.parse(args, false);
        Optional<ProcessHandle> stack = runningStack(o.dataDir);
        if (stack.isEmpty()) {
            OUT.println("Circles is not running (no live " + o.dataDir.resolve("stack.pid") + "); start it with ./circles up");
            return 1;
        }
        return new LocalStatus(o.dataDir, OUT).report(stack.get().pid(), SERVICES);
    }

    private static String portOwner(int port) {
        if (port == LocalGateway.DEFAULT_PORT) {
            return "the gateway";
        }
        return SERVICES.stream().filter(s -> s.port() == port).map(Service::name).findFirst().orElse("?");
    }

    private static int down(List<String> args) throws IOException {
        Options o = Options.parse(args, false);
        Optional<ProcessHandle> stack = runningStack(o.dataDir);
        if (stack.isEmpty()) {
            OUT.println("Circles is not running (no live " + o.dataDir.resolve("stack.pid") + ")");
        } else {
            OUT.println("stopping Circles (pid " + stack.get().pid() + ")…");
            long t0 = System.nanoTime();
            stack.get().destroy();
            if (!ProcessRegistry.awaitExit(stack.get(), Duration.ofSeconds(90))) {
                OUT.println("still running after 90 s: killing it");
                stack.get().destroyForcibly();
                ProcessRegistry.awaitExit(stack.get(), Duration.ofSeconds(10));
            }
            OUT.println("stopped in " + LocalInfrastructure.seconds(System.nanoTime() - t0));
        }
        int reaped = ProcessRegistry.reapOrphans();
        if (reaped > 0) {
            OUT.println("stopped " + reaped + " orphan process(es) left by an earlier run");
        }
        return 0;
    }

    private static int up(List<String> args) throws IOException {
        Options o = Options.parse(args, true);
        long t0 = System.nanoTime();
        Optional<ProcessHandle> already = runningStack(o.dataDir);
        if (already.isPresent()) {
            System.err.println("Circles is already running (pid " + already.get().pid() + "); stop it with ./circles down");
            return 1;
        }
        int reaped = ProcessRegistry.reapOrphans();
        if (reaped > 0) {
            OUT.println("stopped " + reaped + " orphan process(es) left by an earlier run");
        }
        List<Integer> ports = new ArrayList<>(List.of(LocalGateway.DEFAULT_PORT));
        SERVICES.forEach(s -> ports.add(s.port()));
        for (int port : ports) {
            if (!Ports.isFree(null, port)) {
                System.err.println("port " + port + " (" + portOwner(port) + ") is already in use"
                        + Ports.holder(port).map(h -> " by " + h).orElse("")
                        + ": stop it and run ./circles up again");
                return 1;
            }
        }
        if (o.fresh) {
            deleteForFresh(o.dataDir);
        }
        Path logs = o.dataDir.resolve("logs");
        Files.createDirectories(logs);
        Path pidFile = o.dataDir.resolve("stack.pid");
        Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
        CountDownLatch stopped = new CountDownLatch(1);
        ExitHooks.add(new Closer("stack.pid", () -> {
            Files.deleteIfExists(pidFile);
            OUT.println("Circles stopped.");
            stopped.countDown();
        }));

        OUT.println("starting Kafka, PostgreSQL and Redis under " + o.dataDir.resolve("infra") + " …");
        List<String> databases = SERVICES.stream().map(Service::database).filter(d -> d != null).toList();
        LocalInfrastructure infra;
        try {
            infra = LocalInfrastructure.start(o.dataDir.resolve("infra"), databases, OUT::println);
        } catch (IOException e) {
            System.err.println("the infrastructure did not start: " + e.getMessage());
            return 1;
        }
        ExitHooks.add(new Closer("infrastructure", () -> {
            OUT.println("stopping Kafka, PostgreSQL and Redis…");
            infra.close();
        }));

        try {
            infra.kafka().createTopics(consumedTopics(o.repo));
        } catch (IOException e) {
            OUT.println("topics not created ahead (" + e.getMessage() + "): the services create them on first use");
        }

        List<LocalService> running = new ArrayList<>();
        for (Service s : SERVICES) {
            Path jar = o.repo.resolve(s.name()).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.isRegularFile(jar)) {
                OUT.println("skipping " + s.name() + ": no " + o.repo.relativize(jar) + " (build it with ./mvnw install)");
                continue;
            }
            running.add(launch(s, jar, infra, o, logs));
        }
        ExitHooks.add(new Closer("services", () -> stopServices(running)));

        List<Thread> waiters = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (LocalService r : running) {
            Thread t = new Thread(() -> {
                String problem = r.readiness(READY_TIMEOUT);
                if (problem == null) {
                    OUT.println(r.name() + " ready on http://localhost:" + r.port() + " in "
                            + LocalInfrastructure.seconds(System.nanoTime() - r.startedAt()));
                } else {
                    synchronized (failed) {
                        failed.add(r.name());
                    }
                    OUT.println(r.name() + " FAILED: " + problem + "\n" + r.tail(15)
                            + "  (full log: " + r.log() + ")");
                }
            }, "wait-" + r.name());
            t.start();
            waiters.add(t);
        }
        for (Thread t : waiters) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }

        LocalGateway gateway;
        try {
            Map<String, Integer> documented = new LinkedHashMap<>();
            running.forEach(r -> documented.put(r.name(), r.port()));
            gateway = LocalGateway.start(LocalGateway.DEFAULT_PORT, LocalGateway.withObjectStore(
                    LocalGateway.DEFAULT_ROUTES, infra.objectStorage().port()), documented,
                    WebApp.fromRepository(o.repo, true));
        } catch (IOException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        OUT.println("gateway ready on http://localhost:" + gateway.port());
        OUT.println();
        OUT.println("Circles is up in " + LocalInfrastructure.seconds(System.nanoTime() - t0)
                + (failed.isEmpty() ? "" : " (not ready: " + String.join(", ", failed) + ")"));
        OUT.println("  API gateway        http://localhost:" + gateway.port() + "  (/api/communities, /api/posts,"
                + " /api/interests, /api/people, /api/topics, /api/activities, /api/merchants, /api/promotions,"
                + " /api/sourcing, /api/feeds, /api/notifications, /api/media)");
        for (LocalService r : running) {
            OUT.println(String.format("  %-18s http://localhost:%d  (log: %s)", r.name(), r.port(),
                    o.repo.relativize(r.log())));
        }
        OUT.println("  Kafka              " + infra.kafka().bootstrapServers());
        OUT.println("  PostgreSQL         " + infra.postgres().jdbcUrl("<db>") + "  user "
                + infra.postgres().username());
        OUT.println("  Redis              " + infra.redis().uri());
        OUT.println("  Web app            http://localhost:" + gateway.port() + "/  (development sign-in)");
        OUT.println("  API documentation  http://localhost:" + gateway.port() + ApiDocs.PREFIX + "/");
        try {
            OUT.println("  S3 (S3Proxy)       " + infra.objectStorage().endpoint() + "  bucket " + LocalS3.BUCKET);
        } catch (IOException e) {
            OUT.println("  S3 (S3Proxy)       not running: " + e.getMessage());
        }
        OUT.println("Get a token:  ./circles token alice   (admin: ./circles token alice --admin)");
        OUT.println("  curl -H \"Authorization: Bearer $(./circles token alice)\" http://localhost:"
                + gateway.port() + "/api/communities");
        OUT.println("Press Ctrl-C (or run ./circles down) to stop.");
        try {
            // The shutdown hook (Ctrl-C, SIGTERM from down) stops everything; this thread just waits for it.
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static LocalService launch(Service s, Path jar, LocalInfrastructure infra, Options o, Path logs)
            throws IOException {
        Map<String, String> config = new java.util.HashMap<>(infra.quarkusConfig(s.database()));
        if (s.name().equals(OBJECT_STORE_USER)) {
            // Clients PUT through the gateway's origin, so URLs are signed for it.
            config.putAll(infra.objectStorage().quarkusConfig("http://localhost:" + LocalGateway.DEFAULT_PORT));
        }
        config.put("mp.jwt.verify.publickey.location",
                o.repo.resolve("platform-runtime/src/main/resources/dev-keys/jwt-public.pem").toString());
        if (o.traces != null) {
            config.put("circles.tracing.file", o.traces.resolve(s.name() + ".jsonl").toString());
        }
        if (s.database() != null) {
            // Services migrating at once on a busy laptop can wait long for their first connection: a slow start,
            // not a failed one.
            config.put("quarkus.datasource.jdbc.acquisition-timeout", "120S");
        }
        return LocalService.start(s.name(), jar, s.port(), config, logs.resolve(s.name() + ".log"));
    }

    /** The topics the services read, as their application.properties name them. */
    private static Set<String> consumedTopics(Path repo) throws IOException {
        Set<String> topics = new LinkedHashSet<>();
        for (Service s : SERVICES) {
            topics.addAll(LocalKafka.topicsReadBy(repo.resolve(s.name()).resolve(
                    "src/main/resources/application.properties")));
        }
        return topics;
    }

    private static void stopServices(List<LocalService> running) {
        if (running.isEmpty()) {
            return;
        }
        OUT.println("stopping services…");
        running.parallelStream().forEach(LocalService::stop);
    }

    private static Optional<ProcessHandle> runningStack(Path dataDir) {
        Path pidFile = dataDir.resolve("stack.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            if (pid == ProcessHandle.current().pid()) {
                return Optional.empty();
            }
            return ProcessRegistry.live(pid, 0, LocalStack.class.getName());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** --fresh: everything under the data directory goes, except the build log the script just wrote. */
    private static void deleteForFresh(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            return;
        }
        Path keep = dataDir.resolve("logs").resolve("build.log");
        try (Stream<Path> all = Files.walk(dataDir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                if (p.equals(dataDir) || p.equals(keep) || keep.startsWith(p)) {
                    continue;
                }
                Files.deleteIfExists(p);
            }
        }
    }

    /** Keeps zonky/Kafka-client logging (slf4j to log4j2 when present) to warnings on stderr. */
    private static void quietLibraryLogging() {
        if (System.getProperty("log4j2.configurationFile") == null) {
            URL config = LocalStack.class.getResource("log4j2-stack.xml");
            if (config != null) {
                System.setProperty("log4j2.configurationFile", config.toString());
            }
        }
    }

    /** Parsed options of up and down. */
    private static final class Options {
        Path repo;
        Path dataDir;
        boolean fresh;
        /** --traces DIR: each service writes its finished spans to DIR/<service>.jsonl. */
        Path traces;

        static Options parse(List<String> args, boolean allowFresh) {
            Options o = new Options();
            o.repo = Path.of(System.getProperty("circles.repo", "")).toAbsolutePath().normalize();
            String data = null;
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (allowFresh && "--fresh".equals(a)) {
                    o.fresh = true;
                } else if (allowFresh && "--traces".equals(a) && i + 1 < args.size()) {
                    o.traces = Path.of(args.get(++i)).toAbsolutePath().normalize();
                } else if ("--data".equals(a) && i + 1 < args.size()) {
                    data = args.get(++i);
                } else if (a.startsWith("--data=")) {
                    data = a.substring("--data=".length());
                } else {
                    throw new UsageException("unknown argument " + a + " (try: help)");
                }
            }
            o.dataDir = (data == null ? o.repo.resolve(".circles") : Path.of(data)).toAbsolutePath().normalize();
            return o;
        }
    }

    /** A named step of the shutdown sequence. */
    private record Closer(String name, Step step) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            step.run();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /** Bad command-line usage: reported in one line, no stack trace. */
    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
