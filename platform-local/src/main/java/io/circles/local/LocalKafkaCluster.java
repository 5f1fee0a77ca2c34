package io.circles.local;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * A real multi-node Kafka 4.1 cluster (KRaft, each node a combined broker and controller in its own JVM) on free
 * local ports, for fault tests that lose a broker: topics are created with replication factor = the node count and
 * {@code min.insync.replicas} = that count minus one, so the cluster keeps accepting acknowledged writes with one
 * node gone, and the controller quorum keeps a majority.
 */
public final class LocalKafkaCluster implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final String READY_LINE = "Kafka Server started";
    private static final String MAIN = "io.circles.local.KafkaProcess";

    private final Path dataDir;
    private final int[] ports;
    private final int[] controllerPorts;
    private final Process[] processes;

    private LocalKafkaCluster(Path dataDir, int nodes) throws IOException {
        this.dataDir = dataDir;
        this.ports = new int[nodes];
        this.controllerPorts = new int[nodes];
        this.processes = new Process[nodes];
        for (int i = 0; i < nodes; i++) {
            ports[i] = Ports.freePort();
            controllerPorts[i] = Ports.freePort();
        }
    }

    /** Formats and starts {@code nodes} nodes under dataDir/node-1…; blocks until every one serves clients. */
    public static LocalKafkaCluster start(Path dataDir, int nodes) throws IOException {
        if (nodes < 3) {
            throw new IllegalArgumentException("a cluster that survives losing a node needs at least 3 nodes");
        }
        ProcessRegistry.reapOrphans();
        Path dir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        LocalKafkaCluster cluster = new LocalKafkaCluster(dir, nodes);
        String clusterId = Uuid.randomUuid().toString();
        while (clusterId.startsWith("-")) {
            clusterId = Uuid.randomUuid().toString();
        }
        for (int node = 1; node <= nodes; node++) {
            cluster.writeConfig(node);
            cluster.format(node, clusterId);
        }
        ExitHooks.add(cluster);
        try {
            for (int node = 1; node <= nodes; node++) {
                cluster.launch(node);
            }
            // The nodes elect a controller among themselves: each becomes ready only once a quorum is up.
            for (int node = 1; node <= nodes; node++) {
                cluster.awaitReady(node, 0);
            }
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Every node's client address, comma-separated. */
    public String bootstrapServers() {
        StringJoiner servers = new StringJoiner(",");
        for (int port : ports) {
            servers.add("127.0.0.1:" + port);
        }
        return servers.toString();
    }

    public int size() {
        return ports.length;
    }

    /** SIGKILL node {@code node} (1-based), as a crashed machine would end it. */
    public synchronized void kill(int node) {
        Process process = processes[node - 1];
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
        processes[node - 1] = null;
    }

    /** Starts node {@code node} again after {@link #kill(int)}, same ports and data; blocks until it is ready. */
    public synchronized void restart(int node) {
        kill(node);
        try {
            Path log = nodeDir(node).resolve("kafka.log");
            long offset = Files.isRegularFile(log) ? Files.size(log) : 0;
            launch(node);
            awaitReady(node, offset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized boolean isRunning(int node) {
        Process process = processes[node - 1];
        return process != null && process.isAlive();
    }

    /** Stops every node (SIGTERM, then SIGKILL after 30 s) in parallel. */
    @Override
    public synchronized void close() {
        ExitHooks.remove(this);
        for (Process process : processes) {
            if (process != null) {
                process.destroy();
            }
        }
        for (int i = 0; i < processes.length; i++) {
            Process process = processes[i];
            if (process == null) {
                continue;
            }
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            ProcessRegistry.unregister(process.pid());
            processes[i] = null;
        }
    }

    @Override
    public String toString() {
        return "kafka cluster on " + bootstrapServers();
    }

    private Path nodeDir(int node) {
        return dataDir.resolve("node-" + node);
    }

    private void writeConfig(int node) throws IOException {
        Path dir = nodeDir(node);
        Files.createDirectories(dir);
        int replicas = ports.length;
        int minIsr = replicas - 1;
        StringJoiner voters = new StringJoiner(",");
        for (int i = 0; i < replicas; i++) {
            voters.add((i + 1) + "@127.0.0.1:" + controllerPorts[i]);
        }
        int port = ports[node - 1];
        int controllerPort = controllerPorts[node - 1];
        String props = String.join("\n",
                "process.roles=broker,controller",
                "node.id=" + node,
                "controller.quorum.voters=" + voters,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dir.resolve("data").toString().replace("\\", "\\\\"),
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "default.replication.factor=" + replicas,
                "min.insync.replicas=" + minIsr,
                "offsets.topic.replication.factor=" + replicas,
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=" + replicas,
                "transaction.state.log.min.isr=" + minIsr,
                "transaction.state.log.num.partitions=5",
                "share.coordinator.state.topic.replication.factor=" + replicas,
                "share.coordinator.state.topic.min.isr=" + minIsr,
                "group.initial.rebalance.delay.ms=0",
                // A leader that loses its node is replaced as soon as the controller notices, not after minutes.
                "broker.session.timeout.ms=6000",
                "broker.heartbeat.interval.ms=1000",
                "");
        Files.writeString(dir.resolve("server.properties"), props);
        String log = dir.resolve("kafka.log").toString().replace("&", "&amp;").replace("\"", "&quot;");
        Files.writeString(dir.resolve("log4j2.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <Configuration status="WARN">
                  <Appenders>
                    <File name="file" fileName="%s" append="true">
                      <PatternLayout pattern="[%%d] %%p %%m (%%c)%%n"/>
                    </File>
                  </Appenders>
                  <Loggers>
                    <Logger name="state.change.logger" level="WARN"/>
                    <Logger name="kafka.request.logger" level="WARN"/>
                    <Root level="INFO"><AppenderRef ref="file"/></Root>
                  </Loggers>
                </Configuration>
                """.formatted(log));
    }

    private void format(int node, String clusterId) throws IOException {
        Path dir = nodeDir(node);
        List<String> cmd = javaCommand(dir, "kafka.tools.StorageTool");
        cmd.addAll(List.of("format", "--ignore-formatted", "-t", clusterId,
                "-c", dir.resolve("server.properties").toString()));
        Process format = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("kafka.out").toFile())).start();
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IOException("formatting Kafka storage failed, see " + dir.resolve("kafka.out"));
            }
        } catch (InterruptedException e) {
            format.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while formatting Kafka storage", e);
        }
    }

    private void launch(int node) throws IOException {
        Path dir = nodeDir(node);
        List<String> cmd = javaCommand(dir, MAIN);
        cmd.add(Long.toString(ProcessHandle.current().pid()));
        cmd.add(dir.resolve("server.properties").toString());
        Process process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("kafka.out").toFile())).start();
        processes[node - 1] = process;
        ProcessRegistry.register(process.toHandle(), "kafka", dir, MAIN);
    }

    private void awaitReady(int node, long offset) throws IOException {
        Path log = nodeDir(node).resolve("kafka.log");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Process process = processes[node - 1];
            if (process == null || !process.isAlive()) {
                throw new IOException("Kafka node " + node + " exited before it was ready; see " + log);
            }
            if (Files.isRegularFile(log) && Files.size(log) > offset) {
                byte[] all = Files.readAllBytes(log);
                String fresh = new String(all, (int) Math.min(offset, all.length),
                        all.length - (int) Math.min(offset, all.length), StandardCharsets.UTF_8);
                if (fresh.contains(READY_LINE)) {
                    return;
                }
            }
            ProcessRegistry.sleep(100);
        }
        throw new IOException("Kafka node " + node + " was not ready within " + READY_TIMEOUT.toSeconds() + " s; see "
                + log);
    }

    private static List<String> javaCommand(Path dir, String mainClass) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx384m");
        cmd.add("-Xms128m");
        cmd.add("-XX:+UseG1GC");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dlog4j2.configurationFile=" + dir.resolve("log4j2.xml").toUri());
        cmd.add("-Dkafka.logs.dir=" + dir);
        cmd.add("-cp");
        cmd.add(LocalKafka.classpath());
        cmd.add(mainClass);
        return cmd;
    }
}
