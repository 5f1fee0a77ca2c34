package io.circles.test.consistency;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * {@code ./circles check}: runs the {@link ConsistencyChecker} against a running {@code ./circles up} stack and exits
 * 0 when it is consistent, 1 with the violations otherwise.
 */
public final class ConsistencyCheck {

    private static final String USAGE = """
            usage: circles check [--data DIR] [--feed URL] [--threshold N] [--wait SECONDS]
              --data DIR       the stack's data directory (default .circles); its PostgreSQL port is read from there
              --feed URL       where home feeds are read (default http://localhost:8084)
              --threshold N    feed-service's feed.large-community-threshold (default 10000)
              --wait SECONDS   keep checking until consistent or this long has passed (default 0: check once)""";

    private ConsistencyCheck() {
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of(".circles");
        String feed = "http://localhost:8084";
        int threshold = 10_000;
        Duration wait = Duration.ZERO;
        List<String> list = List.of(args);
        for (int i = 0; i < list.size(); i++) {
            String arg = list.get(i);
            String value = i + 1 < list.size() ? list.get(i + 1) : null;
            switch (arg) {
                case "--data" -> data = Path.of(required(arg, value));
                case "--feed" -> feed = required(arg, value);
                case "--threshold" -> threshold = Integer.parseInt(required(arg, value));
                case "--wait" -> wait = Duration.ofSeconds(Long.parseLong(required(arg, value)));
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> {
                    System.err.println("unknown option " + arg + "\n" + USAGE);
                    System.exit(2);
                }
            }
            i++;
        }
        Path ports = data.resolve("infra").resolve("postgres").resolve("ports.properties");
        if (!Files.isRegularFile(ports)) {
            System.err.println("no " + ports + ": is the stack up (./circles up)?");
            System.exit(2);
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(ports)) {
            p.load(in);
        }
        String port = p.getProperty("postgres.port");
        ConsistencyChecker checker = new ConsistencyChecker(feed,
                database -> "jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", "postgres")
                .largeCommunityThreshold(threshold).checkNotifications();
        ConsistencyReport report = checker.awaitConsistent(wait);
        System.out.println(report.describe(50));
        System.exit(report.consistent() ? 0 : 1);
    }

    private static String required(String option, String value) {
        if (value == null) {
            System.err.println(option + " needs a value\n" + USAGE);
            System.exit(2);
        }
        return value;
    }
}
