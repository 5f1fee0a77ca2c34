package io.circles.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.circles.local.LocalGateway;
import io.circles.local.LocalInfrastructure;
import io.circles.local.LocalKafka;
import io.circles.local.LocalService;
import io.circles.local.WebApp;
import io.circles.test.PlatformTestResource;

/**
 * The whole platform for this module's tests, started once per JVM: the packaged services as separate processes on
 * free ports over the module's real infrastructure, and a gateway in front with the production routes.
 */
public final class PlatformUnderTest {

    /** service name → database (null: none). */
    private static final Map<String, String> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("community-service", "community");
        SERVICES.put("event-service", "event");
        SERVICES.put("merchant-service", "merchant");
        SERVICES.put("feed-service", null);
        SERVICES.put("media-service", "media");
        SERVICES.put("notification-service", "notification");
    }

    /** The per-user write budgets of the services (see docs/operations.md). */
    private static final List<String> RATE_LIMITED_SCOPES = List.of("post", "join", "rsvp", "promotion");

    private static PlatformUnderTest instance;

    private final LocalInfrastructure infrastructure;
    private final Map<String, LocalService> services = new LinkedHashMap<>();
    private final LocalGateway gateway;

    private PlatformUnderTest() throws IOException {
        infrastructure = PlatformTestResource.infrastructure();
        Path repo = Path.of("").toAbsolutePath().getParent();
        Path logs = Path.of("target", "service-logs").toAbsolutePath();
        // The topics exist before the consumers start, so each gets all of its partitions at once.
        Set<String> topics = new LinkedHashSet<>();
        for (String name : SERVICES.keySet()) {
            topics.addAll(LocalKafka.topicsReadBy(
                    repo.resolve(name).resolve("src/main/resources/application.properties")));
        }
        infrastructure.kafka().createTopics(topics);
        int gatewayPort = freePort();
        for (Map.Entry<String, String> service : SERVICES.entrySet()) {
            Map<String, String> config = new HashMap<>(infrastructure.quarkusConfig(service.getValue()));
            if (service.getKey().equals("media-service")) {
                // Uploads go through the gateway, as a client's would: URLs are signed for its origin.
                config.putAll(infrastructure.objectStorage().quarkusConfig("http://127.0.0.1:" + gatewayPort));
            }
            config.put("mp.jwt.verify.publickey.location",
                    repo.resolve("platform-runtime/src/main/resources/dev-keys/jwt-public.pem").toString());
            config.put("circles.outbox.sweep-interval", "500ms");
            config.put("circles.tracing.file", traces(service.getKey()).toString());
            // These suites write a lot as a handful of users: budgets no test reaches, so nothing is throttled.
            for (String scope : RATE_LIMITED_SCOPES) {
                config.put("circles.rate-limit." + scope + ".requests", "1000000");
            }
            String name = service.getKey();
            Path app = snapshot(repo.resolve(name).resolve("target/quarkus-app"), Path.of("target", "apps", name));
            services.put(name, LocalService.start(name, app.resolve("quarkus-run.jar"), freePort(), config,
                    logs.resolve(name + ".log")));
        }
        for (LocalService service : services.values()) {
            service.awaitReady(Duration.ofSeconds(180));
        }
        Map<String, Integer> routes = new LinkedHashMap<>();
        LocalGateway.DEFAULT_ROUTES.forEach((prefix, port) -> routes.put(prefix, portOf(port)));
        // The web app as ./circles up serves it (WebClientIT drives it in a browser).
        gateway = LocalGateway.start(gatewayPort,
                LocalGateway.withObjectStore(routes, infrastructure.objectStorage().port()), Map.of(),
                WebApp.fromRepository(repo, true));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "platform-under-test-stop"));
    }

    public static synchronized PlatformUnderTest get() {
        if (instance == null) {
            try {
                instance = new PlatformUnderTest();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the platform", e);
            }
        }
        return instance;
    }

    /** The file where a service of this platform writes its finished spans, one JSON object per line. */
    public static Path traces(String service) {
        return Path.of("target", "traces", service + ".jsonl").toAbsolutePath();
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + gateway.port();
    }

    public LocalService service(String name) {
        return services.get(name);
    }

    public List<LocalService> services() {
        return List.copyOf(services.values());
    }

    public LocalInfrastructure infrastructure() {
        return infrastructure;
    }

    /** The test port of the service that the production route's port (8081…) belongs to. */
    private int portOf(int productionPort) {
        String name = switch (productionPort) {
            case 8081 -> "community-service";
            case 8082 -> "event-service";
            case 8083 -> "merchant-service";
            case 8084 -> "feed-service";
            case 8086 -> "media-service";
            case 8085 -> "notification-service";
            default -> throw new IllegalStateException("no service behind port " + productionPort);
        };
        return services.get(name).port();
    }

    private void stop() {
        gateway.close();
        services.values().parallelStream().forEach(LocalService::stop);
    }

    /**
     * A private copy of a packaged service to run: a rebuild of the service while these tests run would otherwise swap
     * the jars under the running process.
     */
    private static Path snapshot(Path app, Path copy) throws IOException {
        Path target = copy.toAbsolutePath();
        if (Files.exists(target)) {
            try (Stream<Path> old = Files.walk(target)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        try (Stream<Path> files = Files.walk(app)) {
            for (Path path : files.toList()) {
                Path to = target.resolve(app.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(path, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return target;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
