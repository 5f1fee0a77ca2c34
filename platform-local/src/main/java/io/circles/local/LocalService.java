package io.circles.local;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Circles service ({@code target/quarkus-app/quarkus-run.jar}) running in its own JVM, as {@code ./circles up}
 * and system tests start it. The process exits by itself when the JVM that started it dies.
 */
public final class LocalService implements AutoCloseable {

    private static final String SERVICE_MAIN = "io.circles.local.ServiceProcess";
    private static final String QUARKUS_MAIN = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> config;
    private final Path log;
    private Process process;
    private long startedAt;

    private LocalService(String name, Path jar, int port, Map<String, String> config, Path log) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.config = Map.copyOf(config);
        this.log = log;
    }

    /**
     * Starts {@code jar} listening on {@code port} with {@code config} as system properties, output to {@code log}.
     * Returns at once; call {@link #awaitReady(Duration)}.
     */
    public static LocalService start(String name, Path jar, int port, Map<String, String> config, Path log)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no " + jar + ": build " + name + " first (./mvnw install)");
        }
        LocalService service = new LocalService(name, jar, port, config, log);
        service.launch();
        return service;
    }

    private void launch() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dcircles.service=" + name);
        // quarkus-run.jar's manifest Class-Path still applies on -cp; the wrapper main exits with this JVM.
        command.add("-cp");
        command.add(jar + File.pathSeparator + LocalKafka.ownLocation());
        command.add(SERVICE_MAIN);
        command.add(Long.toString(ProcessHandle.current().pid()));
        command.add(QUARKUS_MAIN);
        Files.createDirectories(log.getParent());
        process = new ProcessBuilder(command)
                .directory(jar.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        startedAt = System.nanoTime();
        ProcessRegistry.register(process.toHandle(), "service", jar.getParent(), SERVICE_MAIN);
    }

    /** Waits until {@code /q/health/ready} answers 200; fails with the end of the service's log otherwise. */
    public void awaitReady(Duration timeout) {
        String problem = readiness(timeout);
        if (problem != null) {
            throw new IllegalStateException(name + " is not ready: " + problem + "\n" + tail(20) + "(log: " + log + ")");
        }
    }

    /** null when ready within {@code timeout}, else why not. */
    String readiness(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        int lastStatus = -1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return "the process exited with code " + process.exitValue();
            }
            try {
                lastStatus = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (lastStatus == 200) {
                    return null;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
            ProcessRegistry.sleep(250);
        }
        return "not ready after " + timeout.toSeconds() + " s"
                + (lastStatus > 0 ? " (last /q/health/ready status " + lastStatus + ")" : "");
    }

    /** Graceful stop (SIGTERM), then SIGKILL if it takes longer than 20 s. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        ProcessRegistry.unregister(process.pid());
    }

    /** SIGKILL, as a crash would end it (fault tests). */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ProcessRegistry.unregister(process.pid());
    }

    /**
     * SIGSTOP: the process is frozen (as in a long GC pause or a suspended VM) until {@link #resume()}; its sockets
     * stay open and nothing it would do on a timer happens.
     */
    public void pause() throws IOException {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() throws IOException {
        signal("CONT");
    }

    private void signal(String name) throws IOException {
        if (process == null || !process.isAlive()) {
            throw new IOException(this.name + " is not running");
        }
        try {
            int exit = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start()
                    .waitFor();
            if (exit != 0) {
                throw new IOException("kill -" + name + " " + process.pid() + " exited with " + exit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signalling " + this.name, e);
        }
    }

    /** Starts the service again with the same port, config and log, after {@link #stop()} or {@link #kill()}. */
    public void restart() throws IOException {
        if (process != null && process.isAlive()) {
            stop();
        }
        launch();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    /** Time since the last (re)start, for progress lines. */
    public long startedAt() {
        return startedAt;
    }

    /** The last {@code lines} lines of the service's log. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            StringBuilder out = new StringBuilder();
            for (String line : all.subList(Math.max(0, all.size() - lines), all.size())) {
                out.append("  | ").append(line).append('\n');
            }
            return out.toString();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return name + " on " + baseUrl();
    }
}
