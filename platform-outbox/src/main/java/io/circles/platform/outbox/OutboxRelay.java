package io.circles.platform.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.circles.events.CloudEventHeaders;
import io.circles.platform.tracing.Traceparents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Publishes outbox rows to Kafka right after their transaction commits (woken in-process by {@link RelayAfterCommit})
 * and on a periodic sweep that catches whatever another replica, a crash or a Kafka outage left behind.
 *
 * <p>Rows are locked with {@code FOR UPDATE SKIP LOCKED}, so replicas of a service never publish the same row at
 * once, and a key's rows are only published while none of its older rows is held by another replica, so one
 * aggregate's events reach Kafka in order. A row is deleted only after Kafka acknowledged it ({@code acks=all},
 * idempotent producer); a crash in between re-sends it with the same {@code ce_id}, which consumers dedupe.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private static final String LOCK_BATCH = """
            select id, seq, topic, record_key, type, source, subject, occurred_at, payload, traceparent
            from outbox_event order by seq limit $1 for update skip locked""";

    // The oldest row of each key that this relay did NOT lock: rows of the key from there on must wait.
    private static final String FIRST_NOT_LOCKED = """
            select record_key, min(seq) as first_seq from outbox_event
            where record_key = any($1) and not (id = any($2)) group by record_key""";

    private final Pool pool;
    private final Vertx vertx;
    private final OutboxConfig config;
    private final Map<String, Object> kafkaConfig;
    private final Tracer tracer;
    private final Counter published;
    private final Counter failures;
    private final AtomicLong waiting = new AtomicLong();

    // Rows a request waits for (awaitPublished) and rows Kafka acknowledged lately: each side writes its map before
    // reading the other's, so an acknowledgement never slips between a waiter's registration and its check.
    private final Map<UUID, CompletableFuture<Void>> awaited = new ConcurrentHashMap<>();
    private final Map<UUID, Long> acknowledged = new ConcurrentHashMap<>();

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped;

    // KafkaProducer.send may block while it fetches metadata (broker down): never on an event loop.
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "outbox-relay-sender");
        thread.setDaemon(true);
        return thread;
    });
    private KafkaProducer<String, String> producer;
    private long sweepTimer = -1;
    private volatile Context context;

    OutboxRelay(Pool pool, Vertx vertx, OutboxConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            MeterRegistry registry, Tracer tracer) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.tracer = tracer;
        this.published = registry.counter("circles.outbox.published");
        this.failures = registry.counter("circles.outbox.publish.failures");
        registry.gauge("circles.outbox.waiting", waiting);
    }

    void start(@Observes StartupEvent event) {
        // Passes run on a context of their own, never on that of the request whose commit woke the relay.
        context = vertx.getDelegate().getOrCreateContext();
        producer = new KafkaProducer<>(producerConfig(kafkaConfig), new StringSerializer(), new StringSerializer());
        sweepTimer = vertx.setPeriodic(config.sweepInterval().toMillis(), id -> sweep());
        trigger();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Asks for a pass from any thread (a committed transaction's): it runs on the relay's own context. */
    public void wake() {
        Context own = context;
        if (own == null) {
            trigger();
        } else {
            own.runOnContext(ignored -> trigger());
        }
    }

    /** Asks for a relay pass; passes never overlap, and a request during a pass causes one more pass. */
    public void trigger() {
        if (stopped) {
            return;
        }
        again.set(true);
        if (running.compareAndSet(false, true)) {
            drain();
        }
    }

    /**
     * Completes once Kafka has acknowledged outbox row {@code id}, or after {@code circles.outbox.publish-wait}
     * (Kafka down, a slow relay): never fails. A write that grants something answers after it, so that a projection
     * of another service that refuses the caller's next request can tell that the grant is on its way (see
     * platform-runtime's {@code ReadYourWrites}). Call it after the row's transaction committed, and wake the relay.
     */
    public Uni<Void> awaitPublished(UUID id) {
        CompletableFuture<Void> published = awaited.computeIfAbsent(id, ignored -> new CompletableFuture<>());
        if (acknowledged.containsKey(id)) {
            published.complete(null);
        }
        Context caller = io.vertx.core.Vertx.currentContext();
        Uni<Void> waited = Uni.createFrom().completionStage(published)
                .ifNoItem().after(config.publishWait()).recoverWithItem(() -> null)
                .onTermination().invoke(() -> awaited.remove(id));
        // the producer acknowledges on its own thread: the request goes on on its own context
        return caller == null ? waited : waited.emitOn(command -> caller.runOnContext(ignored -> command.run()));
    }

    /** {@link #awaitPublished} for every event of {@code key} committed so far and not yet deleted by the relay. */
    public Uni<Void> awaitPublished(String key) {
        return pool.preparedQuery("select id from outbox_event where record_key = $1").execute(Tuple.of(key))
                .chain(rows -> {
                    List<Uni<Void>> waits = new ArrayList<>();
                    for (Row row : rows) {
                        waits.add(awaitPublished(row.getUUID("id")));
                    }
                    return waits.isEmpty() ? Uni.createFrom().voidItem()
                            : Uni.join().all(waits).andCollectFailures().replaceWithVoid();
                });
    }

    private void acknowledged(UUID id) {
        acknowledged.put(id, System.nanoTime());
        CompletableFuture<Void> waiter = awaited.get(id);
        if (waiter != null) {
            waiter.complete(null);
        }
    }

    private void sweep() {
        long forgotten = System.nanoTime() - 2 * config.publishWait().toNanos() - config.sweepInterval().toNanos();
        acknowledged.values().removeIf(at -> at < forgotten);
        pool.query("select count(*) from outbox_event").execute()
                .subscribe().with(rows -> waiting.set(rows.iterator().next().getLong(0)), failure -> {
                });
        trigger();
    }

    private void drain() {
        again.set(false);
        relayBatch().subscribe().with(
                count -> {
                    running.set(false);
                    // a full batch means more may be waiting; a notification during the pass means new rows
                    if (count >= config.batchSize() || again.get()) {
                        trigger();
                    }
                },
                failure -> {
                    running.set(false);
                    failures.increment();
                    // Kafka or the database is unavailable: the next sweep tries again, no tight retry loop
                    LOG.debugf("outbox relay pass failed, retrying on the next sweep: %s", failure.getMessage());
                });
    }

    /** One pass: lock a batch, publish what may go in order, delete what Kafka acknowledged. */
    Uni<Integer> relayBatch() {
        return pool.withTransaction(connection -> connection.preparedQuery(LOCK_BATCH)
                .execute(Tuple.of(config.batchSize()))
                .flatMap(rows -> {
                    List<PendingEvent> batch = new ArrayList<>();
                    for (Row row : rows) {
                        batch.add(PendingEvent.from(row));
                    }
                    if (batch.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return inOrder(connection, batch)
                            .flatMap(this::publish)
                            .flatMap(outcome -> settle(connection, outcome))
                            .replaceWith(batch.size());
                }));
    }

    private Uni<List<PendingEvent>> inOrder(SqlConnection connection, List<PendingEvent> batch) {
        Set<String> keys = new LinkedHashSet<>();
        UUID[] ids = new UUID[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            keys.add(batch.get(i).key());
            ids[i] = batch.get(i).id();
        }
        return connection.preparedQuery(FIRST_NOT_LOCKED)
                .execute(Tuple.of(keys.toArray(new String[0]), ids))
                .map(rows -> {
                    Map<String, Long> blockedFrom = new HashMap<>();
                    for (Row row : rows) {
                        blockedFrom.put(row.getString("record_key"), row.getLong("first_seq"));
                    }
                    List<PendingEvent> ready = new ArrayList<>();
                    for (PendingEvent event : batch) {
                        Long blocked = blockedFrom.get(event.key());
                        if (blocked == null || event.seq() < blocked) {
                            ready.add(event);
                        }
                    }
                    return ready;
                });
    }

    /** Sends in seq order from one thread, so the idempotent producer keeps each key's order on its partition. */
    private Uni<Outcome> publish(List<PendingEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(new Outcome(List.of(), List.of(), null));
        }
        List<Uni<Boolean>> sends = new ArrayList<>();
        Throwable[] lastFailure = new Throwable[1];
        // A key whose send failed sends nothing more in this pass: were Kafka back a moment later, a later event of
        // the key would land before the failed one is retried (member-left before member-joined).
        Set<String> failedKeys = ConcurrentHashMap.newKeySet();
        for (PendingEvent event : events) {
            sends.add(Uni.createFrom().<Boolean>emitter(emitter -> {
                if (failedKeys.contains(event.key())) {
                    emitter.complete(false);
                    return;
                }
                Span span = publishSpan(event);
                producer.send(event.toRecord(Traceparents.of(span.getSpanContext())), (metadata, error) -> {
                    if (error != null) {
                        failedKeys.add(event.key());
                        lastFailure[0] = error;
                        span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
                    } else {
                        acknowledged(event.id());
                    }
                    span.end();
                    emitter.complete(error == null);
                });
            }).runSubscriptionOn(sender));
        }
        return Uni.join().all(sends).andFailFast()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(results -> {
                    List<UUID> done = new ArrayList<>();
                    List<UUID> failed = new ArrayList<>();
                    Set<String> brokenKeys = new LinkedHashSet<>();
                    for (int i = 0; i < events.size(); i++) {
                        PendingEvent event = events.get(i);
                        // after a key's first failure its later events are retried too, never overtaking it
                        if (results.get(i) && !brokenKeys.contains(event.key())) {
                            done.add(event.id());
                        } else {
                            brokenKeys.add(event.key());
                            failed.add(event.id());
                        }
                    }
                    return new Outcome(done, failed, lastFailure[0]);
                });
    }

    /**
     * The relay's step of the trace that wrote the event: a producer span whose parent is the stored context of the
     * request (a root span for an event written outside any trace). Its context goes out as the record's traceparent,
     * so each consumer's span is its child — one trace from the tap to every timeline.
     */
    private Span publishSpan(PendingEvent event) {
        return tracer.spanBuilder(event.topic() + " publish")
                .setParent(Traceparents.parent(event.traceparent()))
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "send")
                .setAttribute("messaging.destination.name", event.topic())
                .setAttribute("messaging.message.id", event.id().toString())
                .setAttribute("cloudevents.event_type", event.type())
                .startSpan();
    }

    private Uni<Void> settle(SqlConnection connection, Outcome outcome) {
        Uni<Void> deleted = outcome.done().isEmpty() ? Uni.createFrom().voidItem()
                : connection.preparedQuery("delete from outbox_event where id = any($1)")
                        .execute(Tuple.of(outcome.done().toArray(new UUID[0])))
                        .invoke(() -> published.increment(outcome.done().size()))
                        .replaceWithVoid();
        if (outcome.failed().isEmpty()) {
            return deleted;
        }
        String error = outcome.failure() == null ? "not sent" : String.valueOf(outcome.failure().getMessage());
        return deleted.flatMap(ignored -> connection
                .preparedQuery("update outbox_event set attempts = attempts + 1, last_error = $2 where id = any($1)")
                .execute(Tuple.of(outcome.failed().toArray(new UUID[0]), error))
                .replaceWithVoid())
                .invoke(() -> LOG.warnf("%d outbox event(s) not published yet: %s", outcome.failed().size(), error));
    }

    static Map<String, Object> producerConfig(Map<String, Object> kafka) {
        Map<String, Object> properties = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (!key.contains("deserializer") && !key.startsWith("group.") && !key.startsWith("auto.")
                    && !key.startsWith("enable.auto") && !key.startsWith("devservices")) {
                properties.put(key, value);
            }
        });
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        properties.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
        properties.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        properties.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        properties.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        properties.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        return properties;
    }

    private record Outcome(List<UUID> done, List<UUID> failed, Throwable failure) {
    }

    /** A locked outbox row on its way to Kafka. */
    record PendingEvent(UUID id, long seq, String topic, String key, String type, String source, String subject,
            String time, String payload, String traceparent) {

        static PendingEvent from(Row row) {
            return new PendingEvent(row.getUUID("id"), row.getLong("seq"), row.getString("topic"),
                    row.getString("record_key"), row.getString("type"), row.getString("source"),
                    row.getString("subject"), row.getOffsetDateTime("occurred_at").toInstant().toString(),
                    row.getString("payload"), row.getString("traceparent"));
        }

        /** The CloudEvent in Kafka binary mode, with {@code traceparent} (the distributed-tracing extension). */
        ProducerRecord<String, String> toRecord(String sentTraceparent) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
            record.headers()
                    .add(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE.getBytes(UTF_8))
                    .add(CloudEventHeaders.ID, id.toString().getBytes(UTF_8))
                    .add(CloudEventHeaders.TYPE, type.getBytes(UTF_8))
                    .add(CloudEventHeaders.SOURCE, source.getBytes(UTF_8))
                    .add(CloudEventHeaders.TIME, time.getBytes(UTF_8))
                    .add(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON.getBytes(UTF_8));
            if (subject != null) {
                record.headers().add(CloudEventHeaders.SUBJECT, subject.getBytes(UTF_8));
            }
            if (sentTraceparent != null) {
                record.headers().add(Traceparents.HEADER, sentTraceparent.getBytes(UTF_8));
            }
            return record;
        }
    }
}
