package io.circles.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Kafka, PostgreSQL and Redis started together under one data directory, with the Quarkus config to reach them.
 */
public final class LocalInfrastructure implements AutoCloseable {

    private final LocalKafka kafka;
    private final LocalPostgres postgres;
    private final LocalRedis redis;
    private final Path dataDir;
    private LocalS3 objectStorage;

    private LocalInfrastructure(LocalKafka kafka, LocalPostgres postgres, LocalRedis redis, Path dataDir) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.redis = redis;
        this.dataDir = dataDir;
    }

    /** Starts the three in parallel under dataDir/kafka, dataDir/postgres and dataDir/redis. */
    public static LocalInfrastructure start(Path dataDir, Collection<String> databases) throws IOException {
        return start(dataDir, databases, line -> { });
    }

    /** Same, reporting one line per component as it becomes ready (used by LocalStack). */
    static LocalInfrastructure start(Path dataDir, Collection<String> databases, Consumer<String> progress)
            throws IOException {
        ProcessRegistry.reapOrphans();
        Path dir = dataDir.toAbsolutePath().normalize();
        List<String> dbs = List.copyOf(databases);
        ExecutorService pool = Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "circles-infra-start");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<LocalKafka> kafka = pool.submit(timed(() -> LocalKafka.start(dir.resolve("kafka")),
                    k -> "kafka ready (" + k.bootstrapServers() + ")", progress));
            Future<LocalPostgres> postgres = pool.submit(timed(() -> LocalPostgres.start(dir.resolve("postgres"), dbs),
                    p -> "postgres ready (127.0.0.1:" + p.port() + (dbs.isEmpty() ? "" : ", databases "
                            + String.join(", ", dbs)) + ")", progress));
            Future<LocalRedis> redis = pool.submit(timed(() -> LocalRedis.start(dir.resolve("redis")),
                    r -> "redis ready (127.0.0.1:" + r.port() + ")", progress));
            List<AutoCloseable> started = new ArrayList<>();
            IOException failure = null;
            Object[] results = new Object[3];
            List<Future<?>> all = List.of(kafka, postgres, redis);
            for (int i = 0; i < all.size(); i++) {
                try {
                    results[i] = all.get(i).get();
                    started.add((AutoCloseable) results[i]);
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    IOException io = cause instanceof IOException ? (IOException) cause : new IOException(cause);
                    if (failure == null) {
                        failure = io;
                    } else {
                        failure.addSuppressed(io);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = new IOException("interrupted while starting the infrastructure", e);
                }
            }
            if (failure != null) {
                for (AutoCloseable c : started) {
                    closeQuietly(c);
                }
                throw failure;
            }
            LocalInfrastructure infra = new LocalInfrastructure((LocalKafka) results[0], (LocalPostgres) results[1],
                    (LocalRedis) results[2], dir);
            // Registered after its parts so the exit hook stops them through close(), in parallel.
            ExitHooks.add(infra);
            return infra;
        } finally {
            pool.shutdown();
        }
    }

    public LocalKafka kafka() {
        return kafka;
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    public LocalRedis redis() {
        return redis;
    }

    /**
     * The S3-compatible object store (S3Proxy under dataDir/s3), started on first use: only media-service needs it,
     * so the other modules' tests do not pay for its JVM.
     */
    public synchronized LocalS3 objectStorage() throws IOException {
        if (objectStorage == null) {
            objectStorage = LocalS3.start(dataDir.resolve("s3"));
        }
        return objectStorage;
    }

    /** Quarkus configuration for one service using this database (null = the service has no database). */
    public Map<String, String> quarkusConfig(String database) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        if (database != null) {
            config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(database));
            config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
            config.put("quarkus.datasource.username", postgres.username());
            config.put("quarkus.datasource.password", postgres.password());
        }
        config.put("quarkus.redis.hosts", redis.uri());
        // Packaged services run in the prod profile; locally a person reads their logs: plain text.
        config.put("%prod.quarkus.log.console.json.enabled", "false");
        return config;
    }

    /** Stops the three in parallel and waits for all of them. */
    @Override
    public void close() {
        ExitHooks.remove(this);
        List<Thread> stoppers = new ArrayList<>();
        List<AutoCloseable> parts = new ArrayList<>(List.of(kafka, postgres, redis));
        synchronized (this) {
            if (objectStorage != null) {
                parts.add(objectStorage);
            }
        }
        for (AutoCloseable c : parts) {
            Thread t = new Thread(() -> closeQuietly(c), "circles-infra-stop");
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "local infrastructure (" + kafka + ", " + postgres + ", " + redis + ")";
    }

    private static <T> Callable<T> timed(Callable<T> start, Function<T, String> describe,
                                         Consumer<String> progress) {
        return () -> {
            long t0 = System.nanoTime();
            T started = start.call();
            progress.accept(describe.apply(started) + " in " + seconds(System.nanoTime() - t0));
            return started;
        };
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            System.err.println("circles-local: could not stop " + c + ": " + e);
        }
    }
}
