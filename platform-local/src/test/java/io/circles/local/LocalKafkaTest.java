package io.circles.local;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalKafkaTest {

    @TempDir
    Path dir;

    @Test
    void producesAndConsumesAcrossAStopAndRestartOnTheSameAddress() throws Exception {
        try (LocalKafka kafka = LocalKafka.start(dir)) {
            String bootstrap = kafka.bootstrapServers();
            assertTrue(bootstrap.startsWith("127.0.0.1:"), bootstrap);
            ProcessHandle first = kafka.processHandle();
            assertTrue(kafka.isRunning());

            send(bootstrap, "before");
            assertEquals(List.of("before"), readAll(bootstrap));

            kafka.stop();
            assertFalse(kafka.isRunning());
            Await.gone(first);

            kafka.restart();
            assertTrue(kafka.isRunning());
            assertEquals(bootstrap, kafka.bootstrapServers());
            send(bootstrap, "after");
            // The first record survived the restart: same data directory.
            assertEquals(List.of("before", "after"), readAll(bootstrap));

            ProcessHandle second = kafka.processHandle();
            kafka.close();
            Await.gone(second);
            assertFalse(Files.exists(ProcessRegistry.DIR.resolve("kafka-" + second.pid() + ".properties")));
        }
        assertTrue(Files.size(dir.resolve("kafka.log")) > 0, "Kafka logs to its file");
    }

    private static void send(String bootstrap, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("test-topic", "k", value)).get();
        }
    }

    private static List<String> readAll(String bootstrap) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "g-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("test-topic"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long quietSince = 0;
            while (System.nanoTime() < deadline) {
                int before = values.size();
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
                if (!values.isEmpty() && values.size() == before) {
                    if (quietSince == 0) {
                        quietSince = System.nanoTime();
                    } else if (System.nanoTime() - quietSince > Duration.ofSeconds(1).toNanos()) {
                        break;
                    }
                } else {
                    quietSince = 0;
                }
            }
        }
        return values;
    }
}
