package io.circles.platform.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** How the outbox relay works; defaults live in platform-outbox's microprofile-config.properties. */
@ConfigMapping(prefix = "circles.outbox")
public interface OutboxConfig {

    /** How often the relay sweeps for rows that a notification did not cover (a crash, Kafka down). */
    Duration sweepInterval();

    /** How many rows one relay transaction locks and publishes. */
    int batchSize();

    /**
     * How long a write that grants something waits for Kafka to acknowledge its event before answering anyway
     * ({@link OutboxRelay#awaitPublished}): with Kafka down the write still succeeds, only later.
     */
    Duration publishWait();
}
