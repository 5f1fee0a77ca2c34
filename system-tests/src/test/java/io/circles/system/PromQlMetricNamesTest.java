package io.circles.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.junit.jupiter.api.Test;

class PromQlMetricNamesTest {

    @Test
    void aBareSelectorIsAName() {
        assertEquals(Set.of("circles_outbox_waiting"), PromQlMetricNames.of("circles_outbox_waiting"));
    }

    @Test
    void selectorsWithMatchersAndRangesAreNamesAndTheirLabelsAreNot() {
        assertEquals(Set.of("http_server_requests_seconds_count"), PromQlMetricNames.of(
                "sum by (namespace, job) (rate(http_server_requests_seconds_count{status=~\"5..\", uri!~\".*/stream\"}[5m]))"));
    }

    @Test
    void functionsAggregationsKeywordsNumbersAndDurationsAreNotNames() {
        assertEquals(Set.of("circles_feed_post_delay_seconds_bucket", "circles_feed_post_delay_seconds_count"),
                PromQlMetricNames.of("1 - sum without (pod) (rate(circles_feed_post_delay_seconds_bucket"
                        + "{le=~\"5|5[.]0\"}[15m])) / sum(rate(circles_feed_post_delay_seconds_count[15m])) by (job)"
                        + " > bool 0.01 * 14.4"));
        assertEquals(Set.of("x_total"), PromQlMetricNames.of(
                "topk(5, increase(x_total[1h] offset 15m)) and on (job) group_left (topic) vector(1) or absent(x_total)"));
    }

    @Test
    void grafanaVariablesAreNotNames() {
        assertEquals(Set.of("redis_pool_active", "redis_commands_duration_seconds_sum"), PromQlMetricNames.of(
                "sum by (job) (redis_pool_active{job=\"$job\"}) * rate(redis_commands_duration_seconds_sum"
                        + "[$__rate_interval]) / ${scale} + $offset"));
    }

    @Test
    void bothSidesOfASetOperatorAreNames() {
        assertEquals(Set.of("a_total", "b_total", "job:circles_http_errors:ratio_rate5m"), PromQlMetricNames.of(
                "a_total unless b_total offset 15m or job:circles_http_errors:ratio_rate5m > (14.4 * 0.005)"));
    }

    @Test
    void namesInsideStringsAreNotNames() {
        assertEquals(Set.of("up"), PromQlMetricNames.of("label_replace(up, \"dst\", \"not_a_metric\", \"src\", \"(.*)\")"));
    }
}
