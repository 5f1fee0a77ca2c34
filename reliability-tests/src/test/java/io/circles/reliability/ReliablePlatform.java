package io.circles.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.circles.local.LocalGateway;
import io.circles.local.LocalInfrastructure;
import io.circles.local.LocalKafkaCluster;
import io.circles.local.LocalService;
import io.circles.test.PlatformTestResource;
import io.circles.test.consistency.ConsistencyChecker;

/**
 * The platform the fault scenarios break, started once per JVM: the packaged services as separate processes over
 * the module's real Kafka, PostgreSQL and Redis, a gateway with the production routes, and on demand a second
 * feed-service instance in the same consumer group. With {@code -Dreliability.kafka=cluster} the services use a
 * 3-node Kafka cluster (replication factor 3, {@code min.insync.replicas=2}) instead of the single broker.
 */
final class ReliablePlatform {

    static final String COMMUNITY = "community-service";
    static final String EVENT = "event-service";
    static final String MERCHANT = "merchant-service";
    static final String FEED = "feed-service";
    static final String NOTIFICATION = "notification-service";

    /** media-service's production port: the gateway's route to it has no service here. */
    private static final int MEDIA_PORT = 8086;

    /** service name → database (null: none). */
    private static final Map<String, String> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put(COMMUNITY, "community");
        SERVICES.put(EVENT, "event");
        SERVICES.put(MERCHANT, "merchant");
        SERVICES.put(FEED, null);
        SERVICES.put(NOTIFICATION, "notification");
    }

    private static ReliablePlatform instance;

    private final Path repo = Path.of("").toAbsolutePath().getParent();
    private final Path logs = Path.of("target", "service-logs").toAbsolutePath();
    private final LocalInfrastructure infrastructure;
    private final LocalKafkaCluster kafkaCluster;
    private final Map<String, LocalService> services = new LinkedHashMap<>();
    private final LocalGateway gateway;
    private LocalService feedReplica;

    private ReliablePlatform() throws IOException {
        infrastructure = PlatformTestResource.infrastructure();
        kafkaCluster = "cluster".equals(System.getProperty("reliability.kafka"))
                ? LocalKafkaCluster.start(Path.of("target", "platform-infra", "kafka-cluster").toAbsolutePath(), 3)
                : null;
        for (Map.Entry<String, String> service : SERVICES.entrySet()) {
            String name = service.getKey();
            services.put(name, LocalService.start(name, jar(name), freePort(), config(service.getValue()),
                    logs.resolve(name + ".log")));
        }
        try {
            for (LocalService service : services.values()) {
                awaitReady(service);
            }
        } catch (IOException | RuntimeException e) {
            services.values().parallelStream().forEach(LocalService::stop);
            throw e;
        }
        Map<String, Integer> routes = new LinkedHashMap<>();
        // routes to services this platform does not run (media-service: no scenario uploads) are left out
        LocalGateway.DEFAULT_ROUTES.forEach((prefix, port) -> {
            if (port != MEDIA_PORT) {
                routes.put(prefix, portOf(port));
            }
        });
        gateway = LocalGateway.start(freePort(), routes);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "reliable-platform-stop"));
    }

    static synchronized ReliablePlatform get() {
        if (instance == null) {
            try {
                instance = new ReliablePlatform();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the platform", e);
            }
        }
        return instance;
    }

    String gatewayUrl() {
        return "http://127.0.0.1:" + gateway.port();
    }

    LocalService service(String name) {
        return services.get(name);
    }

    List<LocalService> services() {
        return List.copyOf(services.values());
    }

    LocalInfrastructure infrastructure() {
        return infrastructure;
    }

    /** The 3-node cluster the services use, or null when they use the single broker. */
    LocalKafkaCluster kafkaCluster() {
        return kafkaCluster;
    }

    /** A checker over this platform's databases, reading feeds through the gateway, notifications included. */
    ConsistencyChecker checker() {
        return ConsistencyChecker.of(gatewayUrl(), infrastructure.postgres()).checkNotifications();
    }

    /** A second feed-service process in the same consumer group (same Redis), started and ready. */
    synchronized LocalService feedReplica() throws IOException {
        if (feedReplica == null) {
            feedReplica = LocalService.start(FEED + "-2", jar(FEED), freePort(), config(null),
                    logs.resolve(FEED + "-2.log"));
        } else if (!feedReplica.isRunning()) {
            feedReplica.restart();
        }
        feedReplica.awaitReady(Duration.ofSeconds(120));
        return feedReplica;
    }

    /** Ready within 5 minutes (a saturated CI box); a service that exited while starting gets one more start. */
    private static void awaitReady(LocalService service) throws IOException {
        try {
            service.awaitReady(Duration.ofSeconds(300));
        } catch (IllegalStateException e) {
            if (service.isRunning()) {
                throw e;
            }
            service.restart();
            service.awaitReady(Duration.ofSeconds(300));
        }
    }

    private Map<String, String> config(String database) {
        Map<String, String> config = new HashMap<>(infrastructure.quarkusConfig(database));
        if (kafkaCluster != null) {
            config.put("kafka.bootstrap.servers", kafkaCluster.bootstrapServers());
        }
        config.put("mp.jwt.verify.publickey.location",
                repo.resolve("platform-runtime/src/main/resources/dev-keys/jwt-public.pem").toString());
        config.put("circles.outbox.sweep-interval", "500ms");
        // Flyway's first connection on a loaded machine can take longer than the 5 s default.
        config.put("quarkus.datasource.jdbc.acquisition-timeout", "30S");
        // The load driver is one script acting as many users at a steady rate: per-user budgets must not shape it.
        for (String scope : List.of("post", "join", "rsvp", "promotion")) {
            config.put("circles.rate-limit." + scope + ".requests", "1000000");
        }
        // A consumer that dies is noticed after the session timeout: 10 s instead of 45 s keeps the crash scenario short.
        config.put("mp.messaging.connector.smallrye-kafka.session.timeout.ms", "10000");
        config.put("mp.messaging.connector.smallrye-kafka.heartbeat.interval.ms", "2000");
        return config;
    }

    private Path jar(String name) {
        return repo.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The test port of the service that the production route's port (8081…) belongs to. */
    private int portOf(int productionPort) {
        String name = switch (productionPort) {
            case 8081 -> COMMUNITY;
            case 8082 -> EVENT;
            case 8083 -> MERCHANT;
            case 8084 -> FEED;
            case 8085 -> NOTIFICATION;
            default -> throw new IllegalStateException("no service behind port " + productionPort);
        };
        return services.get(name).port();
    }

    private void stop() {
        gateway.close();
        if (feedReplica != null) {
            feedReplica.stop();
        }
        services.values().parallelStream().forEach(LocalService::stop);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
