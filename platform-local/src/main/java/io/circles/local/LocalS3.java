package io.circles.local;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 API (S3Proxy over its filesystem backend) in its own JVM on a free local port, with its objects under the
 * data directory. Path-style, one bucket named {@link #BUCKET}: the gateway routes {@code /media-store/**} here
 * unchanged (Host included), so a URL signed for the gateway's origin verifies here as it would on any
 * S3-compatible store behind a gateway.
 */
public final class LocalS3 implements AutoCloseable {

    /** The bucket, and so the path prefix the gateway routes to the store. */
    public static final String BUCKET = "media-store";
    public static final String GATEWAY_PREFIX = "/" + BUCKET;
    /** Local-only credentials: S3Proxy checks AWS signatures against them. */
    public static final String ACCESS_KEY = "circles-local";
    public static final String SECRET_KEY = "circles-local-secret";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final String MAIN = "io.circles.local.S3ProxyProcess";

    private final Path dataDir;
    private final int port;
    private Process process;

    private LocalS3(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Starts S3Proxy with its objects under dataDir/objects; blocks until it answers. */
    public static LocalS3 start(Path dataDir) throws IOException {
        ProcessRegistry.reapOrphans();
        Path dir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dir.resolve("objects").resolve(BUCKET));
        ProcessRegistry.stopFromPidFile(dir.resolve("s3proxy.pid"), "s3proxy", MAIN);
        LocalS3 s3 = new LocalS3(dir, Ports.load(dir, "s3.port")[0]);
        s3.writeConfig();
        s3.launch();
        return s3;
    }

    public int port() {
        return port;
    }

    /** The S3 endpoint services talk to (path-style). */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Config of media-service for this store; publicBaseUrl is the origin clients PUT to (the gateway, or this). */
    public Map<String, String> quarkusConfig(String publicBaseUrl) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("media.storage.endpoint", endpoint());
        config.put("media.storage.public-endpoint", publicBaseUrl);
        config.put("media.storage.region", "us-east-1");
        config.put("media.storage.bucket", BUCKET);
        config.put("media.storage.access-key", ACCESS_KEY);
        config.put("media.storage.secret-key", SECRET_KEY);
        return config;
    }

    /** SIGTERM; returns once the process is gone. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        ProcessRegistry.unregister(process.pid());
        process = null;
    }

    @Override
    public synchronized void close() {
        stop();
        ExitHooks.remove(this);
    }

    @Override
    public String toString() {
        return "s3proxy on " + endpoint();
    }

    private void writeConfig() throws IOException {
        String properties = String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem-nio2",
                "jclouds.identity=" + ACCESS_KEY,
                "jclouds.credential=" + SECRET_KEY,
                "jclouds.filesystem.basedir=" + dataDir.resolve("objects").toString().replace("\\", "\\\\"),
                "");
        Files.writeString(dataDir.resolve("s3proxy.properties"), properties);
        // Without a configuration logback logs every Jetty selector wake-up at DEBUG.
        Files.writeString(dataDir.resolve("logback.xml"), """
                <configuration>
                  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="out"/></root>
                </configuration>
                """);
    }

    private synchronized void launch() throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Dlogback.configurationFile=" + dataDir.resolve("logback.xml"));
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add(MAIN);
        cmd.add(Long.toString(ProcessHandle.current().pid()));
        cmd.add("--properties");
        cmd.add(dataDir.resolve("s3proxy.properties").toString());
        process = new ProcessBuilder(cmd)
                .directory(dataDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("s3proxy.out").toFile()))
                .start();
        Files.writeString(dataDir.resolve("s3proxy.pid"), Long.toString(process.pid()));
        ProcessRegistry.register(process.toHandle(), "s3proxy", dataDir, MAIN);
        ExitHooks.add(this);
        try {
            awaitReady();
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Ready once any HTTP answer comes back (an unsigned request gets 403, which is fine). */
    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("S3Proxy exited with code " + process.exitValue() + " before it was ready; see "
                        + dataDir.resolve("s3proxy.out"));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                c.getResponseCode();
                c.disconnect();
                return;
            } catch (IOException notYet) {
                ProcessRegistry.sleep(100);
            }
        }
        throw new IOException("S3Proxy was not ready within " + READY_TIMEOUT.toSeconds() + " s; see "
                + dataDir.resolve("s3proxy.out"));
    }

    /**
     * S3Proxy's classpath: the jars only it needs (provided scope, written at build time by maven-dependency-plugin),
     * then this module's runtime jars, which hold the ones it shares with Kafka and Vert.x at the versions Maven chose.
     */
    private static String classpath() throws IOException {
        List<String> parts = new ArrayList<>();
        parts.add(LocalKafka.ownLocation().toString());
        for (String resource : List.of("s3proxy.classpath", "kafka.classpath")) {
            try (InputStream in = LocalS3.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("missing build-time resource io/circles/local/" + resource
                            + " (build platform-local with Maven)");
                }
                parts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
            }
        }
        return String.join(File.pathSeparator, parts);
    }
}
