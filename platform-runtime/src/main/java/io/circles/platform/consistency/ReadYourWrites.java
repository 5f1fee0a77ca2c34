package io.circles.platform.consistency;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.NewCookie;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

/**
 * Makes a caller's own preceding write count when a projection of another service's data refuses them. The granting
 * service answers its write only once the event is in Kafka (platform-outbox's {@code OutboxRelay.awaitPublished}),
 * so on a {@link ProjectionMiss} the grant, if it exists, lies below the end offset of the subject's partition. The
 * request waits without blocking (a timer polling {@link AppliedOffsets}) until the projection has applied the
 * partition up to that offset or {@link ConsistencyConfig#bound()} passes, and then asks once more; that answer is
 * final. A grant is never refused for lag within the bound; a true refusal costs one Kafka offset lookup, one Redis
 * read and the check a second time, and waits only while the partition is behind.
 *
 * <p>A read that filters rather than refuses (a feed without the people the reader blocks) cannot miss: it
 * {@link #awaitApplied awaits} the projection instead, and only when the writing service told the client, with the
 * {@link #RECENT_WRITE_COOKIE} cookie, that the reader has just written to that projection's topic.
 */
@ApplicationScoped
public class ReadYourWrites {

    /**
     * Set by a write whose effect the caller's next reads elsewhere must show (a block), for as long as the bound; its
     * value names the topic written to. It only ever makes the holder's own read wait, so it needs no signature.
     */
    public static final String RECENT_WRITE_COOKIE = "circles-recent-write";

    private static final Logger LOG = Logger.getLogger(ReadYourWrites.class);

    private final AppliedOffsets offsets;
    private final ConsistencyConfig config;
    private final Map<String, Object> kafkaConfig;
    private final Map<String, Integer> partitions = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private volatile Admin admin;

    ReadYourWrites(AppliedOffsets offsets, ConsistencyConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry registry) {
        this.offsets = offsets;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.registry = registry;
    }

    void stop(@Observes ShutdownEvent event) {
        if (admin != null) {
            admin.close();
        }
    }

    /** Runs {@code operation}; if a projection refuses it while behind, waits for the projection and runs it again. */
    public <T> Uni<T> retried(Supplier<Uni<? extends T>> operation) {
        return Uni.createFrom().<T>deferred(operation).onFailure(ProjectionMiss.class).recoverWithUni(failure -> {
            ProjectionMiss miss = (ProjectionMiss) failure;
            // The refusal was decided before this look: the projection may have applied the grant since. Once it has
            // applied everything up to the end of the partition (at once when caught up), the call runs once more;
            // with Kafka out of reach the projection cannot be compared with it, and the refusal stands.
            return caughtUpWith(miss.channel(), miss.key()).chain(reached -> {
                if (reached == null) {
                    return Uni.createFrom().<T>failure(miss);
                }
                registry.counter("circles.read_your_writes.rechecks", "caught_up", String.valueOf(reached))
                        .increment();
                return Uni.createFrom().<T>deferred(operation);
            });
        });
    }

    /**
     * Completes once the projection of {@code channel} has applied every record of {@code key}'s partition that is in
     * Kafka now, or after the bound; never fails (Kafka or Redis out of reach: at once). For a read that filters by a
     * projection and so cannot tell a miss: it costs one Kafka offset lookup and one Redis read, so it is made only
     * for a reader who has just written ({@link #RECENT_WRITE_COOKIE}).
     */
    public Uni<Void> awaitApplied(String channel, String key) {
        return caughtUpWith(channel, key).invoke(reached -> {
            if (reached != null) {
                registry.counter("circles.read_your_writes.awaits", "caught_up", String.valueOf(reached)).increment();
            }
        }).replaceWithVoid();
    }

    /**
     * Waits, without blocking, until the projection of {@code channel} has applied {@code key}'s partition up to its
     * end offset now: true when it did, false when the bound passed first, null when Kafka could not tell the end.
     */
    private Uni<Boolean> caughtUpWith(String channel, String key) {
        Context context = Vertx.currentContext();
        long deadline = System.nanoTime() + config.bound().toNanos();
        Uni<PartitionEnd> found = endOffset(channel, key).ifNoItem().after(config.bound()).fail()
                .onFailure().invoke(lookup -> LOG.warnf("no end offset for %s: %s", key, lookup))
                .onFailure().recoverWithNull();
        if (context != null) {
            // the admin client answers on its own thread; the rest of the request runs on the request's context
            found = found.emitOn(command -> context.runOnContext(ignored -> command.run()));
        }
        return found.chain(end -> end == null ? Uni.createFrom().<Boolean>nullItem()
                : caughtUp(channel, end, deadline));
    }

    /**
     * The {@link #RECENT_WRITE_COOKIE} a write of {@code written} answers with: sent back with the caller's reads
     * under {@code path} for as long as the bound, after which a lagging projection is out of the guarantee anyway.
     */
    public NewCookie recentWrite(String written, String path) {
        return new NewCookie.Builder(RECENT_WRITE_COOKIE).value(written).path(path)
                .maxAge((int) Math.max(1, config.bound().toSeconds())).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    /** Whether the projection reached the end offset before the deadline; polls without blocking until then. */
    private Uni<Boolean> caughtUp(String channel, PartitionEnd end, long deadline) {
        return offsets.applied(channel, end.partition())
                .chain(applied -> applied >= end.offset() ? Uni.createFrom().item(true)
                        : System.nanoTime() >= deadline ? Uni.createFrom().item(false)
                        : AppliedOffsets.after(config.pollInterval()).chain(() -> caughtUp(channel, end, deadline)));
    }

    /** The partition of the subject's events (Kafka's default partitioner for a keyed record) and its end offset. */
    private Uni<PartitionEnd> endOffset(String channel, String key) {
        String topic = offsets.topic(channel);
        return admin().chain(client -> partitionCount(client, topic).chain(count -> {
            int partition = partitionOf(key, count);
            TopicPartition target = new TopicPartition(topic, partition);
            return Uni.createFrom().completionStage(() -> client.listOffsets(Map.of(target, OffsetSpec.latest()))
                    .partitionResult(target).toCompletionStage())
                    .map(info -> new PartitionEnd(partition, info.offset()));
        }));
    }

    /** The partition Kafka's default partitioner gives a record with this key (murmur2 of its UTF-8 bytes). */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private Uni<Integer> partitionCount(Admin client, String topic) {
        Integer known = partitions.get(topic);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return Uni.createFrom().completionStage(() -> client.describeTopics(List.of(topic))
                        .allTopicNames().toCompletionStage())
                .map(topics -> {
                    int count = topics.get(topic).partitions().size();
                    partitions.put(topic, count);
                    return count;
                });
    }

    /** One admin client per service, created on first need (creating it resolves hosts: off the event loop). */
    private Uni<Admin> admin() {
        Admin current = admin;
        if (current != null) {
            return Uni.createFrom().item(current);
        }
        return Uni.createFrom().item(this::createAdmin).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private synchronized Admin createAdmin() {
        if (admin == null) {
            Properties properties = new Properties();
            kafkaConfig.forEach((name, value) -> {
                if (AdminClientConfig.configNames().contains(name)) {
                    properties.put(name, value);
                }
            });
            properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "read-your-writes");
            admin = Admin.create(properties);
        }
        return admin;
    }

    private record PartitionEnd(int partition, long offset) {
    }
}
