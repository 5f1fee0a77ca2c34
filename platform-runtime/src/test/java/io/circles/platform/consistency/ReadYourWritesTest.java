package io.circles.platform.consistency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class ReadYourWritesTest {

    @Test
    void theSubjectsPartitionIsTheOneTheProducerWritesItsKeyTo() {
        for (int partitions : new int[] {1, 3, 12}) {
            for (int i = 0; i < 1_000; i++) {
                String key = UUID.randomUUID().toString();
                assertEquals(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions),
                        ReadYourWrites.partitionOf(key, partitions), key);
            }
        }
    }
}
