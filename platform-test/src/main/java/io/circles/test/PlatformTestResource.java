package io.circles.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.circles.local.LocalInfrastructure;
import io.circles.local.LocalKafka;
import io.circles.local.LocalRedisCluster;
import io.circles.local.LocalS3;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Real Kafka, PostgreSQL and Redis for a module's {@code @QuarkusTest}s, started once per test JVM (so once per
 * module) and handed to the service as config. The instance lives in a static field, so it is shared by every test
 * class that runs in the same Quarkus class loader; a test profile (which restarts Quarkus in a new class loader)
 * would try to start a second one in the same directory, which is why modules use none. Declare it with
 * {@code @WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "community"))}.
 * <p>
 * With the system property {@code circles.test.redis=cluster} the service's Redis is a real three-master Redis
 * Cluster instead ({@code quarkus.redis.client-type=cluster}), under {@code target/platform-infra-cluster}, so a
 * module can run its whole suite a second time against the cluster's key routing.
 */
public class PlatformTestResource implements QuarkusTestResourceLifecycleManager {

    /** Every database a service may ask for; all are created on the one PostgreSQL. */
    private static final List<String> DATABASES = List.of("community", "event", "merchant", "notification", "media");

    /** System property selecting the Redis the tests get: {@code standalone} (default) or {@code cluster}. */
    public static final String REDIS_MODE = "circles.test.redis";

    private static LocalInfrastructure infrastructure;
    private static LocalRedisCluster redisCluster;

    private String database;
    private boolean objectStorage;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
        objectStorage = Boolean.parseBoolean(initArgs.get("objectStorage"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(infrastructure().quarkusConfig(database));
        if (redisCluster() != null) {
            config.putAll(redisCluster().quarkusConfig());
        }
        if (objectStorage) {
            // No gateway in a module's tests: clients reach the store itself, so URLs are signed for it.
            config.putAll(objectStorage().quarkusConfig(objectStorage().endpoint()));
        }
        // Tests observe an outage quickly instead of waiting for production timeouts.
        config.put("circles.outbox.sweep-interval", "500ms");
        return config;
    }

    @Override
    public void stop() {
        // Shared by every test class of the module; platform-local's shutdown hook stops it when the JVM exits.
    }

    /** The module's infrastructure, started on first use; tests use it to stop and restart a component. */
    public static synchronized LocalInfrastructure infrastructure() {
        if (infrastructure == null) {
            try {
                // Every test run starts from empty infrastructure: no state from an earlier run (or an older schema).
                Path dataDir = dataDir();
                deleteRecursively(dataDir);
                LocalInfrastructure started = LocalInfrastructure.start(dataDir, DATABASES);
                try {
                    // The module's topics exist before its consumers start, so they get every partition at once.
                    started.kafka().createTopics(
                            LocalKafka.topicsReadBy(Path.of("src/main/resources/application.properties")));
                    redisCluster = clusterMode() ? LocalRedisCluster.start(dataDir.resolve("redis-cluster")) : null;
                } catch (IOException | RuntimeException e) {
                    started.close();
                    throw e;
                }
                infrastructure = started;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test infrastructure", e);
            }
        }
        return infrastructure;
    }

    /** The S3-compatible store (started on first use); declare {@code @ResourceArg(name = "objectStorage", value = "true")}. */
    public static synchronized LocalS3 objectStorage() {
        try {
            return infrastructure().objectStorage();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test object storage", e);
        }
    }

    /** The Redis Cluster the service uses when {@code circles.test.redis=cluster}, else null. */
    public static synchronized LocalRedisCluster redisCluster() {
        infrastructure();
        return redisCluster;
    }

    private static boolean clusterMode() {
        String mode = System.getProperty(REDIS_MODE, "standalone");
        if (!mode.equals("standalone") && !mode.equals("cluster")) {
            throw new IllegalArgumentException(REDIS_MODE + " must be standalone or cluster, not " + mode);
        }
        return mode.equals("cluster");
    }

    /** Each Redis mode has its own directory, so the two runs of a module never share (or wipe) state. */
    private static Path dataDir() {
        return Path.of("target", clusterMode() ? "platform-infra-cluster" : "platform-infra").toAbsolutePath();
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
}
