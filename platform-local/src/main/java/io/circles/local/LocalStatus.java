package io.circles.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code ./circles status}: what a running {@code ./circles up} consists of, at a glance — each process and whether it
 * is ready, each consumer group's lag and each database's outbox backlog. Read-only: it asks, never changes.
 */
final class LocalStatus {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Path dataDir;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    LocalStatus(Path dataDir, PrintStream out) {
        this.dataDir = dataDir;
        this.out = out;
    }

    /** Prints the report; 0 when everything is up and ready, 1 otherwise. */
    int report(long stackPid, List<LocalStack.Service> services) {
        boolean healthy = true;
        out.println("Circles is running (pid " + stackPid + ", data " + dataDir + ")");
        out.println();
        out.printf("  %-22s %-26s %s%n", "process", "address", "state");
        healthy &= line("gateway", "http://localhost:" + LocalGateway.DEFAULT_PORT,
                probe("http://localhost:" + LocalGateway.DEFAULT_PORT + "/q/health/ready", true));
        for (LocalStack.Service s : services) {
            healthy &= line(s.name(), "http://localhost:" + s.port(),
                    probe("http://localhost:" + s.port() + "/q/health/ready", false));
        }
        Integer kafkaPort = port("kafka", "kafka.port");
        Integer postgresPort = port("postgres", "postgres.port");
        Integer redisPort = port("redis", "redis.port");
        healthy &= line("kafka", kafkaPort == null ? "-" : "127.0.0.1:" + kafkaPort, listening(kafkaPort));
        healthy &= line("postgresql", postgresPort == null ? "-" : "127.0.0.1:" + postgresPort, listening(postgresPort));
        healthy &= line("redis", redisPort == null ? "-" : "127.0.0.1:" + redisPort, listening(redisPort));
        out.println();
        if (kafkaPort != null) {
            consumerLag("127.0.0.1:" + kafkaPort);
        }
        if (postgresPort != null) {
            outboxBacklog(postgresPort, services);
        }
        return healthy ? 0 : 1;
    }

    private boolean line(String name, String address, String state) {
        out.printf("  %-22s %-26s %s%n", name, address, state);
        return state.startsWith("ready") || state.startsWith("listening");
    }

    /** The readiness answer of a service; the gateway has no health endpoint, so any HTTP answer means it listens. */
    private String probe(String url, boolean anyAnswer) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (anyAnswer || response.statusCode() == 200) {
                return anyAnswer ? "listening" : "ready";
            }
            return "NOT READY (" + response.statusCode() + "): " + abbreviate(response.body());
        } catch (IOException e) {
            return "DOWN (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String listening(Integer port) {
        if (port == null) {
            return "NOT STARTED (no ports.properties)";
        }
        return Ports.isFree(null, port) ? "DOWN (nothing listens)" : "listening";
    }

    private void consumerLag(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin admin = Admin.create(props)) {
            List<String> groups = new ArrayList<>(admin.listConsumerGroups().all().get(5, TimeUnit.SECONDS).stream()
                    .map(ConsumerGroupListing::groupId).sorted().toList());
            out.printf("  %-40s %s%n", "consumer group", "lag (records not yet processed)");
            if (groups.isEmpty()) {
                out.println("  (no consumer groups yet)");
            }
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                        .get(5, TimeUnit.SECONDS);
                Map<String, Long> byTopic = new TreeMap<>();
                committed.forEach((tp, offset) -> byTopic.merge(tp.topic(),
                        offset == null ? 0 : Math.max(0, ends.get(tp).offset() - offset.offset()), Long::sum));
                long total = byTopic.values().stream().mapToLong(Long::longValue).sum();
                out.printf("  %-40s %d%s%n", group, total, byTopic.size() > 1 ? "  " + byTopic : "");
            }
        } catch (Exception e) {
            out.println("  consumer lag: Kafka did not answer (" + e.getClass().getSimpleName() + ")");
        }
        out.println();
    }

    private void outboxBacklog(int postgresPort, List<LocalStack.Service> services) {
        out.printf("  %-40s %s%n", "outbox (database)", "events not yet relayed to Kafka");
        for (LocalStack.Service s : services) {
            if (s.database() == null) {
                continue;
            }
            String url = "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + s.database() + "?connectTimeout=3";
            try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select count(*), min(occurred_at) from outbox_event")) {
                rs.next();
                long rows = rs.getLong(1);
                out.printf("  %-40s %d%s%n", s.name() + " (" + s.database() + ")", rows,
                        rows == 0 ? "" : "  (oldest " + rs.getTimestamp(2).toInstant() + ")");
            } catch (SQLException e) {
                out.printf("  %-40s %s%n", s.name() + " (" + s.database() + ")",
                        "unknown (" + abbreviate(e.getMessage()) + ")");
            }
        }
    }

    private Integer port(String component, String key) {
        Path file = dataDir.resolve("infra").resolve(component).resolve(Ports.FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
            String value = p.getProperty(key);
            return value == null ? null : Integer.valueOf(value.trim());
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private static String abbreviate(String s) {
        String one = s == null ? "" : s.replaceAll("\\s+", " ").trim();
        return one.length() > 120 ? one.substring(0, 117) + "…" : one;
    }
}
