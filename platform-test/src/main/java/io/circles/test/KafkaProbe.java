package io.circles.test;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads a topic with a real Kafka consumer, from the moment the probe is opened, and awaits or asserts the
 * CloudEvents that arrive. Open it before the action under test; close it after (try-with-resources).
 */
public final class KafkaProbe implements AutoCloseable {

    private final String topic;
    private final KafkaConsumer<String, String> consumer;
    private final List<ReceivedEvent> received = new ArrayList<>();

    private KafkaProbe(String topic) {
        this.topic = topic;
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, true);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (partitions.isEmpty()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null) {
                infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            if (partitions.isEmpty() && System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + topic + " has no partitions");
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** A probe on {@code topic} that sees what is published from now on. */
    public static KafkaProbe on(String topic) {
        return new KafkaProbe(topic);
    }

    /** The first event (received so far or arriving within {@code timeout}) that matches; fails the test otherwise. */
    public ReceivedEvent await(Predicate<ReceivedEvent> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (ReceivedEvent event : received) {
                if (match.test(event)) {
                    return event;
                }
            }
            if (System.nanoTime() > deadline) {
                return fail("no matching event on " + topic + " within " + timeout + "; received " + received);
            }
            pollOnce(Duration.ofMillis(200));
        }
    }

    /** The first event of {@code type} about {@code key} within ten seconds. */
    public ReceivedEvent await(String type, String key) {
        return await(event -> type.equals(event.type()) && key.equals(event.key()), Duration.ofSeconds(10));
    }

    /** Every event matching, read until the topic has been quiet for {@code quiet}: to count deliveries. */
    public List<ReceivedEvent> all(Predicate<ReceivedEvent> match, Duration quiet) {
        int seen = -1;
        while (seen != received.size()) {
            seen = received.size();
            pollOnce(quiet);
        }
        return received.stream().filter(match).toList();
    }

    private void pollOnce(Duration timeout) {
        for (ConsumerRecord<String, String> record : consumer.poll(timeout)) {
            Map<String, String> headers = new HashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), header.value() == null ? null
                        : new String(header.value(), StandardCharsets.UTF_8));
            }
            received.add(new ReceivedEvent(record.topic(), record.partition(), record.offset(), record.key(), headers,
                    record.value()));
        }
    }

    /** Publishes a raw record, as a foreign or faulty producer would, and waits for Kafka's acknowledgement. */
    public static void publish(String topic, String key, Map<String, String> headers, String value) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((name, headerValue) ->
                    record.headers().add(name, headerValue.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    private static String bootstrapServers() {
        return PlatformTestResource.infrastructure().kafka().bootstrapServers();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
