package io.circles.platform.consistency;

import java.time.Duration;
import java.util.function.Supplier;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * How far each projection has got in each partition it reads: after a record's effect is written (or the record is
 * skipped, deduped or dead-lettered), the next offset of its partition is stored in Redis, where every replica of the
 * service reads it. A projection applies a partition's records one after another, so "applied up to N" means every
 * record before N has had its effect. The mark is written after the effect, never before: a crash in between leaves
 * it behind the truth, which costs a refused request one bounded wait and never lets a refusal through as a grant.
 */
@ApplicationScoped
public class AppliedOffsets {

    private static final Logger LOG = Logger.getLogger(AppliedOffsets.class);

    private final ReactiveValueCommands<String, Long> values;
    private final Config config;
    private final ConsistencyConfig consistency;

    AppliedOffsets(ReactiveRedisDataSource redis, Config config, ConsistencyConfig consistency) {
        this.values = redis.value(Long.class);
        this.config = config;
        this.consistency = consistency;
    }

    /**
     * Applies one record of {@code channel} with {@code work}, then marks its offset applied, whatever the outcome:
     * a record that failed goes to the dead-letter topic and the projection moves past it all the same.
     */
    public Uni<Void> tracked(String channel, ConsumerRecord<?, ?> record, Supplier<Uni<Void>> work) {
        return heldBack(record).chain(() -> work.get())
                .onTermination().call((ignored, failure, cancelled) -> mark(channel, record));
    }

    /**
     * The next offset the projection of {@code channel} will apply in {@code partition}; 0 if it never marked one.
     * With Redis out of reach the answer is "caught up": a refusal is answered as it stands, without waiting.
     */
    public Uni<Long> applied(String channel, int partition) {
        return values.get(key(channel, topic(channel), partition)).map(offset -> offset == null ? 0L : offset)
                .onFailure().recoverWithItem(Long.MAX_VALUE);
    }

    String topic(String channel) {
        return config.getValue("mp.messaging.incoming." + channel + ".topic", String.class);
    }

    private Uni<Void> mark(String channel, ConsumerRecord<?, ?> record) {
        // A lost mark only makes a refusal wait; it must never fail (and dead-letter) the record itself.
        return values.set(key(channel, record.topic(), record.partition()), record.offset() + 1)
                .onFailure().invoke(failure -> LOG.debugf("applied offset of %s not recorded: %s", channel,
                        failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> heldBack(ConsumerRecord<?, ?> record) {
        Duration holdBack = consistency.holdBack();
        long due = record.timestamp() + holdBack.toMillis() - System.currentTimeMillis();
        if (holdBack.isZero() || due <= 0) {
            return Uni.createFrom().voidItem();
        }
        return after(Duration.ofMillis(due));
    }

    /** Completes after {@code delay} on the caller's Vert.x context (a timer, no thread blocked). */
    static Uni<Void> after(Duration delay) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = Vertx.currentContext();
            if (context == null) {
                throw new IllegalStateException("a timed wait needs a Vert.x context");
            }
            context.owner().setTimer(Math.max(1, delay.toMillis()), id -> context.runOnContext(
                    ignored -> emitter.complete(null)));
        });
    }

    private String key(String channel, String topic, int partition) {
        String group = config.getOptionalValue("mp.messaging.incoming." + channel + ".group.id", String.class)
                .orElse(channel);
        return "applied:{" + group + "}:" + topic + ":" + partition;
    }
}
