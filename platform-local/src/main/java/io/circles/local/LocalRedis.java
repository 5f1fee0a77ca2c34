package io.circles.local;

import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real redis-server (embedded-redis binaries) on a free local port, persisted with an append-only file.
 */
public final class LocalRedis implements AutoCloseable {

    private static final String MARKER = "redis-server";

    private final Path dataDir;
    private final int port;
    private final List<String> extraSettings;
    private RedisServer server;
    private ProcessHandle process;
    private final Object logLock = new Object();
    private Writer log;

    private LocalRedis(Path dataDir, int port, List<String> extraSettings) {
        this.dataDir = dataDir;
        this.port = port;
        this.extraSettings = List.copyOf(extraSettings);
    }

    /** Starts redis-server with its append-only file in dataDir. */
    public static LocalRedis start(Path dataDir) throws IOException {
        ProcessRegistry.reapOrphans();
        Path dir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        ProcessRegistry.stopFromPidFile(dir.resolve("redis.pid"), "redis", MARKER);
        int port = Ports.load(dir, "redis.port")[0];
        return start(dir, port, List.of());
    }

    /** Starts redis-server on a chosen port with extra redis.conf lines (a Redis Cluster node). */
    static LocalRedis start(Path dataDir, int port, List<String> extraSettings) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        ProcessRegistry.stopFromPidFile(dir.resolve("redis.pid"), "redis", MARKER);
        LocalRedis redis = new LocalRedis(dir, port, extraSettings);
        redis.launch();
        return redis;
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** SIGTERM: Redis flushes its append-only file and exits; returns once the process is gone. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (IOException e) {
            System.err.println("circles-local: redis stop failed: " + e.getMessage());
        }
        if (process != null) {
            if (!ProcessRegistry.awaitExit(process, Duration.ofSeconds(10))) {
                ProcessRegistry.terminate(List.of(process), List.of("redis"));
            }
            ProcessRegistry.unregister(process.pid());
        }
        closeLog();
        server = null;
        process = null;
    }

    /** Starts again after stop(): same port, same append-only data. */
    public synchronized void restart() {
        stop();
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        stop();
        ExitHooks.remove(this);
    }

    /** The redis-server process while it runs; for tests checking that nothing is left behind. */
    ProcessHandle processHandle() {
        return process;
    }

    @Override
    public String toString() {
        return "redis on 127.0.0.1:" + port;
    }

    private synchronized void launch() throws IOException {
        Path pidFile = dataDir.resolve("redis.pid");
        Files.deleteIfExists(pidFile);
        synchronized (logLock) {
            log = Files.newBufferedWriter(dataDir.resolve("redis.log"), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        RedisServerBuilder builder = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("dir " + quote(dataDir.toString()))
                .setting("appendonly yes")
                // full 800-entry timelines stay in the compact encoding: ~48 instead of ~115 bytes per entry
                .setting("zset-max-ziplist-entries 1024")
                .setting("protected-mode no")
                .setting("save \"\"")
                .setting("daemonize no")
                .setting("pidfile " + quote(pidFile.toString()))
                .soutListener(this::logLine)
                .serrListener(this::logLine);
        extraSettings.forEach(builder::setting);
        server = started(builder);
        process = findProcess(pidFile).orElse(null);
        if (process != null) {
            ProcessRegistry.register(process, "redis", dataDir, MARKER);
        }
        ExitHooks.add(this);
    }

    /**
     * Builds and starts the server, again when the binary could not be run because it was "busy": embedded-redis
     * writes the binary out and runs it, and a process another thread of this JVM forks meanwhile (PostgreSQL starting
     * alongside, say) inherits the still-open file, so the kernel refuses to run it (ETXTBSY) until that child has
     * execed. A moment later it runs.
     */
    private static RedisServer started(RedisServerBuilder builder) throws IOException {
        for (int attempt = 1; ; attempt++) {
            RedisServer candidate = builder.build();
            try {
                candidate.start();
                return candidate;
            } catch (IOException e) {
                if (attempt >= 5 || !textFileBusy(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(100L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    static boolean textFileBusy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && (message.contains("error=26") || message.contains("Text file busy"))) {
                return true;
            }
        }
        return false;
    }

    /** embedded-redis hides its Process: the pid comes from Redis's own pid file, else from our children. */
    private Optional<ProcessHandle> findProcess(Path pidFile) {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Files.isRegularFile(pidFile)) {
                    String pid = Files.readString(pidFile).trim();
                    if (!pid.isEmpty()) {
                        return ProcessHandle.of(Long.parseLong(pid));
                    }
                }
            } catch (IOException | NumberFormatException ignored) {
                // Being written: try again.
            }
            ProcessRegistry.sleep(20);
        }
        String portArg = Integer.toString(port);
        return ProcessHandle.current().children()
                .filter(p -> ProcessRegistry.commandLine(p).contains(MARKER))
                .filter(p -> Files.exists(dataDir) && ProcessRegistry.commandLine(p).contains(portArg))
                .findFirst();
    }

    private void logLine(String line) {
        synchronized (logLock) {
            try {
                if (log != null) {
                    log.write(line);
                    log.write('\n');
                    log.flush();
                }
            } catch (IOException ignored) {
                // Losing a Redis log line is not worth failing for.
            }
        }
    }

    private void closeLog() {
        synchronized (logLock) {
            try {
                if (log != null) {
                    log.close();
                }
            } catch (IOException ignored) {
                // Nothing to do.
            }
            log = null;
        }
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
