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
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Real Kafka, PostgreSQL and Redis for a module's {@code @QuarkusTest}s, started once per test JVM (so once per
 * module) and handed to the service as config. The instance lives in a static field, so it is shared by every test
 * class that runs in the same Quarkus class loader; a test profile (which restarts Quarkus in a new class loader)
 * would try to start a second one in the same directory, which is why modules use none. Declare it with
 * {@code @WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "community"))}.
 */
public class PlatformTestResource implements QuarkusTestResourceLifecycleManager {

    /** Every database a service may ask for; all are created on the one PostgreSQL. */
    private static final List<String> DATABASES = List.of("community", "event", "merchant");

    private static LocalInfrastructure infrastructure;

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(infrastructure().quarkusConfig(database));
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
                Path dataDir = Path.of("target", "platform-infra").toAbsolutePath();
                deleteRecursively(dataDir);
                infrastructure = LocalInfrastructure.start(dataDir, DATABASES);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test infrastructure", e);
            }
        }
        return infrastructure;
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
