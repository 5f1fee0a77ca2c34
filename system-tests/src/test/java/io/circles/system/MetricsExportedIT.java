package io.circles.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.circles.events.Topics;
import io.circles.local.LocalService;
import io.circles.test.KafkaProbe;
import io.circles.test.Tokens;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every metric the dashboards and alert rules of deploy/observability read is one the services export: after a post
 * through the gateway, a feed read and one dead-lettered record, each name in an {@code expr} (less the rules' own
 * recorded series) is a series on the {@code /q/metrics} of at least one service. A renamed or never-registered metric
 * would otherwise leave a panel empty and an alert silent. The scrapes are kept in target/scraped-metrics.
 */
class MetricsExportedIT {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path OBSERVABILITY = REPO.resolve("deploy/observability");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PlatformUnderTest platform;

    @BeforeAll
    static void startPlatform() {
        platform = PlatformUnderTest.get();
    }

    @Test
    void everyMetricTheDashboardsAndAlertsReadIsExported() throws IOException {
        Map<String, Set<String>> wanted = wantedMetrics();
        assertTrue(wanted.size() > 10, "the dashboards and rules name metrics: " + wanted.keySet());

        String community = postThroughTheGatewayAndReadTheFeed();
        // One record no consumer can read: feed-service (and notification-service) dead-letter it.
        KafkaProbe.publish(Topics.COMMUNITY_POSTS, community, Map.of(), "not an event");

        Map<String, String> scrapes = new TreeMap<>();
        Set<String> missing = new TreeSet<>();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                scrapes.clear();
                scrapes.putAll(scrapeAll());
                Set<String> exported = new TreeSet<>();
                scrapes.values().forEach(text -> exported.addAll(seriesNames(text)));
                missing.clear();
                missing.addAll(wanted.keySet());
                missing.removeAll(exported);
                return missing.isEmpty() && deadLettered(scrapes);
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported below, with where each missing name is used
        } finally {
            keep(scrapes);
        }
        Map<String, Set<String>> unexported = new TreeMap<>();
        missing.forEach(name -> unexported.put(name, wanted.get(name)));
        assertEquals(Map.of(), unexported, "metrics read by deploy/observability that no service exports (name: used in)");

        // The selectors the alerts depend on match real series: the dead letter under its DLQ topic, the home feed
        // read in the 200 ms bucket of the latency SLO, the post's fan-out in the freshness histogram.
        assertTrue(deadLettered(scrapes), "the consumers count the dead letter under a DLQ topic");
        String feed = scrapes.get("feed-service");
        assertTrue(feed.lines().anyMatch(line -> line.startsWith("http_server_requests_seconds_bucket{")
                && line.contains("uri=\"/api/feeds/me\"") && line.contains("le=\"0.2\"")),
                "the home feed read has a 0.2 s bucket");
        assertTrue(feed.lines().anyMatch(line -> line.startsWith("circles_feed_post_delay_seconds_count{")
                && line.contains("stage=\"fanned_out\"") && !line.endsWith(" 0.0") && !line.endsWith(" 0")),
                "the post's fan-out is timed");
    }

    /** Whether a consumer of community posts counted a record sent to its dead-letter topic. */
    private static boolean deadLettered(Map<String, String> scrapes) {
        return scrapes.values().stream().flatMap(String::lines).anyMatch(line ->
                line.startsWith("kafka_producer_topic_record_send_total{")
                        && line.contains("topic=\"" + Topics.COMMUNITY_POSTS + ".dlq."));
    }

    /** Alice creates a community Bob joins, posts, and Bob reads the post in his home feed. */
    private static String postThroughTheGatewayAndReadTheFeed() {
        String alice = Tokens.newUserId("alice");
        String bob = Tokens.newUserId("bob");
        String community = given().baseUri(platform.gatewayUrl()).auth().oauth2(Tokens.forUser(alice))
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Metric Makers\",\"description\":\"Counting rides\",\"interests\":[\"cycling\"],"
                        + "\"city\":\"Chengdu\",\"location\":{\"lat\":30.66,\"lon\":104.06},\"visibility\":\"PUBLIC\"}")
                .when().post("/api/communities").then().statusCode(201).extract().path("id");
        given().baseUri(platform.gatewayUrl()).auth().oauth2(Tokens.forUser(bob))
                .when().post("/api/communities/" + community + "/members").then().statusCode(201);
        String post = given().baseUri(platform.gatewayUrl()).auth().oauth2(Tokens.forUser(alice))
                .contentType(ContentType.JSON).body("{\"text\":\"Measured from tap to timeline\",\"media\":[]}")
                .when().post("/api/communities/" + community + "/posts").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> given().baseUri(platform.gatewayUrl())
                .auth().oauth2(Tokens.forUser(bob)).get("/api/feeds/me").asString().contains(post));
        return community;
    }

    /** Metric name → the files whose expressions read it; the series the rules record themselves left out. */
    private static Map<String, Set<String>> wantedMetrics() throws IOException {
        Map<String, Set<String>> wanted = new TreeMap<>();
        Set<String> recorded = new TreeSet<>();
        try (Stream<Path> files = Files.list(OBSERVABILITY.resolve("dashboards"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                for (String expr : exprs(JSON.readTree(file.toFile()))) {
                    PromQlMetricNames.of(expr).forEach(name -> usedIn(wanted, name, file));
                }
            }
        }
        Path rules = OBSERVABILITY.resolve("rules/circles.rules.yaml");
        for (JsonNode group : new YAMLMapper().readTree(rules.toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.hasNonNull("record")) {
                    recorded.add(rule.get("record").asText());
                }
                PromQlMetricNames.of(rule.path("expr").asText()).forEach(name -> usedIn(wanted, name, rules));
            }
        }
        wanted.keySet().removeAll(recorded);
        return wanted;
    }

    private static void usedIn(Map<String, Set<String>> wanted, String name, Path file) {
        wanted.computeIfAbsent(name, n -> new TreeSet<>()).add(OBSERVABILITY.relativize(file).toString());
    }

    /** Every {@code expr} string anywhere in a dashboard (panels, rows, their targets). */
    private static List<String> exprs(JsonNode node) {
        List<String> found = new ArrayList<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("expr") && field.getValue().isTextual()) {
                    found.add(field.getValue().asText());
                } else {
                    found.addAll(exprs(field.getValue()));
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> found.addAll(exprs(child)));
        }
        return found;
    }

    private static Map<String, String> scrapeAll() {
        Map<String, String> scrapes = new TreeMap<>();
        for (LocalService service : platform.services()) {
            String text = given().baseUri(service.baseUrl()).when().get("/q/metrics")
                    .then().statusCode(200).extract().asString();
            assertFalse(text.isBlank(), service.name() + " exports metrics");
            scrapes.put(service.name(), text);
        }
        return scrapes;
    }

    /** The names of the series in a Prometheus text exposition (sample lines: name, labels, value). */
    static Set<String> seriesNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }

    private static void keep(Map<String, String> scrapes) throws IOException {
        Path dir = Path.of("target", "scraped-metrics");
        Files.createDirectories(dir);
        for (Map.Entry<String, String> scrape : scrapes.entrySet()) {
            Files.writeString(dir.resolve(scrape.getKey() + ".prom"), scrape.getValue());
        }
    }
}
