package io.circles.local;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster of three masters (no replicas): three redis-server processes (embedded-redis binaries) with
 * {@code cluster-enabled yes}, the 16384 hash slots split evenly with CLUSTER ADDSLOTS and the nodes joined with
 * CLUSTER MEET. It lets a service's tests run against the same key routing as a production cluster.
 */
public final class LocalRedisCluster implements AutoCloseable {

    /** Redis Cluster's fixed number of hash slots. */
    static final int SLOTS = 16384;

    private static final int MASTERS = 3;
    private static final Duration READY = Duration.ofSeconds(30);

    private final List<LocalRedis> nodes;

    private LocalRedisCluster(List<LocalRedis> nodes) {
        this.nodes = nodes;
    }

    /** Starts the three masters under dataDir/node-0..2 and waits until every node reports the cluster as ok. */
    public static LocalRedisCluster start(Path dataDir) throws IOException {
        ProcessRegistry.reapOrphans();
        Path dir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        int[] ports = ports(dir);
        List<LocalRedis> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < MASTERS; i++) {
                nodes.add(LocalRedis.start(dir.resolve("node-" + i), ports[i], List.of(
                        "cluster-enabled yes",
                        "cluster-config-file nodes.conf",
                        "cluster-node-timeout 5000")));
            }
            LocalRedisCluster cluster = new LocalRedisCluster(nodes);
            cluster.form();
            ExitHooks.add(cluster);
            return cluster;
        } catch (IOException | RuntimeException e) {
            nodes.forEach(LocalRedis::close);
            throw e;
        }
    }

    /** The ports of the three masters. */
    public List<Integer> ports() {
        return nodes.stream().map(LocalRedis::port).toList();
    }

    /** Every master's URI, comma-separated: the seed list a cluster client needs ({@code quarkus.redis.hosts}). */
    public String uris() {
        return nodes.stream().map(LocalRedis::uri).collect(Collectors.joining(","));
    }

    /** The Quarkus Redis client configuration that reaches this cluster. */
    public Map<String, String> quarkusConfig() {
        return Map.of(
                "quarkus.redis.hosts", uris(),
                "quarkus.redis.client-type", "cluster");
    }

    /** The port of the master that owns a key's slot (hash tags honoured), for tests checking the key layout. */
    public int portOf(String key) {
        int slot = slot(key);
        return nodes.get(Math.min(MASTERS - 1, slot / slotsPerMaster())).port();
    }

    @Override
    public synchronized void close() {
        ExitHooks.remove(this);
        List<Thread> stoppers = new ArrayList<>();
        for (LocalRedis node : nodes) {
            Thread t = new Thread(node::close, "circles-redis-cluster-stop");
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
        return "redis cluster on " + ports();
    }

    /** Redis Cluster's key slot: CRC16 (XMODEM) of the key, or of its hash tag when it has a non-empty one. */
    public static int slot(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        int start = 0;
        int end = bytes.length;
        int open = key.indexOf('{');
        if (open >= 0) {
            int close = key.indexOf('}', open + 1);
            if (close > open + 1) {
                start = key.substring(0, open + 1).getBytes(StandardCharsets.UTF_8).length;
                end = key.substring(0, close).getBytes(StandardCharsets.UTF_8).length;
            }
        }
        int crc = 0;
        for (int i = start; i < end; i++) {
            crc ^= (bytes[i] & 0xff) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xffff;
        }
        return crc % SLOTS;
    }

    private static int slotsPerMaster() {
        return (SLOTS + MASTERS - 1) / MASTERS;
    }

    /** Assigns the slots (once: a restarted cluster keeps them in nodes.conf), introduces the nodes, awaits ok. */
    private void form() throws IOException {
        for (int i = 0; i < MASTERS; i++) {
            int port = nodes.get(i).port();
            if (!"0".equals(info(port, "cluster_slots_assigned"))) {
                continue;
            }
            int first = i * slotsPerMaster();
            int last = Math.min(SLOTS, first + slotsPerMaster()) - 1;
            List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
            for (int slot = first; slot <= last; slot++) {
                command.add(Integer.toString(slot));
            }
            // ADDSLOTSRANGE only exists from Redis 7.0; the embedded binaries are 6.2.
            Resp.call(port, command.toArray(String[]::new));
        }
        int seed = nodes.get(0).port();
        for (int i = 1; i < MASTERS; i++) {
            Resp.call(seed, "CLUSTER", "MEET", "127.0.0.1", Integer.toString(nodes.get(i).port()));
        }
        long deadline = System.nanoTime() + READY.toNanos();
        while (true) {
            boolean ok = true;
            for (LocalRedis node : nodes) {
                ok &= "ok".equals(info(node.port(), "cluster_state"))
                        && Integer.toString(MASTERS).equals(info(node.port(), "cluster_known_nodes"));
            }
            if (ok) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("redis cluster on " + ports() + " not ok after " + READY.toSeconds() + " s");
            }
            ProcessRegistry.sleep(100);
        }
    }

    /** One field of CLUSTER INFO on one node. */
    private static String info(int port, String field) throws IOException {
        for (String line : bulk(port, "CLUSTER", "INFO").split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        return null;
    }

    /** A command whose reply is a bulk string of several lines (which {@link Resp} cuts at the first). */
    private static String bulk(int port, String... args) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            StringBuilder cmd = new StringBuilder("*").append(args.length).append("\r\n");
            for (String a : args) {
                cmd.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a)
                        .append("\r\n");
            }
            OutputStream out = s.getOutputStream();
            out.write(cmd.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = new BufferedInputStream(s.getInputStream());
            String header = line(in);
            if (header.startsWith("-")) {
                throw new IOException(header.substring(1));
            }
            if (!header.startsWith("$")) {
                throw new IOException("unexpected reply " + header);
            }
            byte[] body = in.readNBytes(Integer.parseInt(header.substring(1)));
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /**
     * Ports kept in ports.properties for a restart of the same directory. Each node's cluster bus listens on its
     * port + 10000 (fixed in Redis 6.2), so both must be free and the port must stay below 55536.
     */
    private static int[] ports(Path dir) throws IOException {
        Path file = dir.resolve(Ports.FILE);
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
        }
        int[] ports = new int[MASTERS];
        List<Integer> taken = new ArrayList<>();
        for (int i = 0; i < MASTERS; i++) {
            String name = "redis-cluster.port." + i;
            int port = parse(p.getProperty(name));
            if (port <= 0 || !usable(port, taken)) {
                port = -1;
                for (int attempt = 0; attempt < 200 && port < 0; attempt++) {
                    int candidate = ThreadLocalRandom.current().nextInt(20000, 30000);
                    if (usable(candidate, taken)) {
                        port = candidate;
                    }
                }
                if (port < 0) {
                    throw new IOException("no free port pair (port, port + 10000) for a redis cluster node");
                }
            }
            ports[i] = port;
            taken.add(port);
            p.setProperty(name, Integer.toString(port));
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "ports reused by later starts of this data directory");
        }
        return ports;
    }

    private static boolean usable(int port, List<Integer> taken) {
        return port + 10000 < 65536 && !taken.contains(port) && !taken.contains(port + 10000)
                && !taken.contains(port - 10000) && Ports.isFree(port) && Ports.isFree(port + 10000);
    }

    private static int parse(String value) {
        try {
            return value == null ? -1 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
