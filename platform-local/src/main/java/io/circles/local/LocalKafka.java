package io.circles.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real Kafka 4.1 broker (KRaft, combined broker and controller) running in its own JVM on free local ports.
 */
public final class LocalKafka implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final String READY_LINE = "Kafka Server started";
    private static final String MAIN = "io.circles.local.KafkaProcess";

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private Process process;

    private LocalKafka(Path dataDir, int port, int controllerPort) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Starts a broker whose data lives in dataDir; blocks until it serves clients. */
    public static LocalKafka start(Path dataDir) throws IOException {
        ProcessRegistry.reapOrphans();
        Path dir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        ProcessRegistry.stopFromPidFile(dir.resolve("kafka.pid"), "kafka", MAIN);
        int[] ports = Ports.load(dir, "kafka.port", "kafka.controller.port");
        LocalKafka kafka = new LocalKafka(dir, ports[0], ports[1]);
        kafka.writeConfig();
        kafka.formatIfNeeded();
        kafka.launch();
        return kafka;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The topics a service's application.properties has it read ({@code mp.messaging.incoming.*.topic}). */
    public static Set<String> topicsReadBy(Path applicationProperties) throws IOException {
        Set<String> topics = new LinkedHashSet<>();
        if (!Files.isRegularFile(applicationProperties)) {
            return topics;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(applicationProperties)) {
            properties.load(reader);
        }
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("mp.messaging.incoming.") && name.endsWith(".topic")) {
                topics.add(properties.getProperty(name));
            }
        }
        return topics;
    }

    /**
     * Creates the topics that do not exist yet (with the broker's default partitions) and waits until they do. A
     * consumer that starts before its topic exists may be assigned its partitions piecemeal, over a minute on a busy
     * machine, and events of the partitions it has not got yet wait that long.
     */
    public void createTopics(Collection<String> topics) throws IOException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(topic -> !existing.contains(topic)).distinct()
                    .map(topic -> new NewTopic(topic, Optional.empty(), Optional.empty())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot create the topics " + topics + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating topics", e);
        }
    }

    /** Graceful stop (SIGTERM, controlled shutdown); returns once the process is gone. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        forget();
    }

    /** Starts again after stop() or kill(): same ports, same data; blocks until ready. */
    public synchronized void restart() {
        stop();
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** SIGKILL, for fault-injection tests. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        forget();
    }

    @Override
    public synchronized void close() {
        stop();
        ExitHooks.remove(this);
    }

    /** The broker JVM while it runs; for tests checking that nothing is left behind. */
    ProcessHandle processHandle() {
        Process p = process;
        return p == null ? null : p.toHandle();
    }

    Path dataDir() {
        return dataDir;
    }

    @Override
    public String toString() {
        return "kafka on " + bootstrapServers();
    }

    private void forget() {
        if (process != null) {
            ProcessRegistry.unregister(process.pid());
        }
        process = null;
        try {
            Files.deleteIfExists(dataDir.resolve("kafka.pid"));
        } catch (IOException ignored) {
            // Stale pid files are checked against the command line anyway.
        }
    }

    private void writeConfig() throws IOException {
        String logDirs = dataDir.resolve("data").toString();
        String props = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + escape(logDirs),
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=5",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "min.insync.replicas=1",
                "default.replication.factor=1",
                "group.initial.rebalance.delay.ms=0",
                "");
        Files.writeString(dataDir.resolve("server.properties"), props);
        String log = dataDir.resolve("kafka.log").toString().replace("&", "&amp;").replace("\"", "&quot;");
        String log4j = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Configuration status="WARN">
                  <Appenders>
                    <File name="file" fileName="%s" append="true">
                      <PatternLayout pattern="[%%d] %%p %%m (%%c)%%n"/>
                    </File>
                  </Appenders>
                  <Loggers>
                    <Logger name="kafka" level="INFO"/>
                    <Logger name="org.apache.kafka" level="INFO"/>
                    <Logger name="state.change.logger" level="WARN"/>
                    <Logger name="kafka.request.logger" level="WARN"/>
                    <Root level="INFO"><AppenderRef ref="file"/></Root>
                  </Loggers>
                </Configuration>
                """.formatted(log);
        Files.writeString(dataDir.resolve("log4j2.xml"), log4j);
    }

    private void formatIfNeeded() throws IOException {
        if (Files.isRegularFile(dataDir.resolve("data").resolve("meta.properties"))) {
            return;
        }
        Path idFile = dataDir.resolve("cluster.id");
        // Ids starting with '-' read as an option on StorageTool's command line (Kafka's own generator avoids them).
        if (!Files.isRegularFile(idFile) || Files.readString(idFile).trim().startsWith("-")) {
            Files.writeString(idFile, Uuid.randomUuid().toString());
        }
        String clusterId = Files.readString(idFile).trim();
        List<String> cmd = javaCommand("kafka.tools.StorageTool");
        cmd.addAll(List.of("format", "--ignore-formatted", "-t", clusterId,
                "-c", dataDir.resolve("server.properties").toString()));
        Process format = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("kafka.out").toFile()))
                .start();
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IOException("formatting Kafka storage failed, see " + dataDir.resolve("kafka.out"));
            }
        } catch (InterruptedException e) {
            format.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while formatting Kafka storage", e);
        }
    }

    private synchronized void launch() throws IOException {
        Path log = dataDir.resolve("kafka.log");
        long offset = Files.isRegularFile(log) ? Files.size(log) : 0;
        List<String> cmd = javaCommand(MAIN);
        cmd.add(Long.toString(ProcessHandle.current().pid()));
        cmd.add(dataDir.resolve("server.properties").toString());
        process = new ProcessBuilder(cmd)
                .directory(dataDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("kafka.out").toFile()))
                .start();
        Files.writeString(dataDir.resolve("kafka.pid"), Long.toString(process.pid()));
        ProcessRegistry.register(process.toHandle(), "kafka", dataDir, MAIN);
        ExitHooks.add(this);
        try {
            awaitReady(log, offset);
        } catch (IOException | RuntimeException e) {
            kill();
            throw e;
        }
    }

    private void awaitReady(Path log, long offset) throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        long position = offset;
        StringBuilder pending = new StringBuilder();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Kafka exited with code " + process.exitValue() + " before it was ready; see "
                        + log + " and " + dataDir.resolve("kafka.out"));
            }
            if (Files.isRegularFile(log)) {
                try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                    if (file.length() > position) {
                        byte[] chunk = new byte[(int) Math.min(file.length() - position, 1 << 20)];
                        file.seek(position);
                        file.readFully(chunk);
                        position += chunk.length;
                        pending.append(new String(chunk, StandardCharsets.UTF_8));
                        if (pending.indexOf(READY_LINE) >= 0) {
                            return;
                        }
                        // Keep only a tail long enough to catch the ready line split across reads.
                        if (pending.length() > 256) {
                            pending.delete(0, pending.length() - 256);
                        }
                    }
                }
            }
            ProcessRegistry.sleep(50);
        }
        throw new IOException("Kafka was not ready within " + READY_TIMEOUT.toSeconds() + " s; see " + log);
    }

    private List<String> javaCommand(String mainClass) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-Xms256m");
        cmd.add("-XX:+UseG1GC");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dlog4j2.configurationFile=" + dataDir.resolve("log4j2.xml").toUri());
        cmd.add("-Dkafka.logs.dir=" + dataDir);
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add(mainClass);
        return cmd;
    }

    /** Kafka's runtime classpath, written at build time by maven-dependency-plugin, plus this module's classes. */
    static String classpath() throws IOException {
        List<String> parts = new ArrayList<>();
        parts.add(ownLocation().toString());
        for (String resource : List.of("kafka.classpath", "kafka-logging.classpath")) {
            try (InputStream in = LocalKafka.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("missing build-time resource io/circles/local/" + resource
                            + " (build platform-local with Maven)");
                }
                String cp = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                if (!cp.isEmpty()) {
                    parts.add(cp);
                }
            }
        }
        return String.join(File.pathSeparator, parts);
    }

    /** The jar or classes directory this module is loaded from. */
    static Path ownLocation() {
        try {
            return Path.of(LocalKafka.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String value) {
        // Properties files treat backslashes as escapes (Windows paths); harmless on Linux.
        return value.replace("\\", "\\\\");
    }
}
