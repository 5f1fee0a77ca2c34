package io.circles.platform.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.local.LocalPostgres;
import io.circles.local.LocalRedis;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.redis.client.impl.types.ErrorType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Failures as a real redis-server and Jackson produce them, and a retry across a real Redis restart. */
class TransientFailuresTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static LocalRedis server;
    private static Vertx vertx;

    @BeforeAll
    static void startRedis() throws IOException {
        server = LocalRedis.start(Path.of("target", "transient-redis"));
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopRedis() {
        vertx.closeAndAwait();
        server.close();
    }

    @Test
    void aRedisThatIsDownIsTransient() {
        Redis client = Redis.createClient(vertx, "redis://127.0.0.1:" + server.port());
        try {
            assertEquals("PONG", client.send(Request.cmd(Command.PING)).await().atMost(WAIT).toString());
            server.stop();
            Throwable down = failureOf(client.send(Request.cmd(Command.PING)));
            assertFalse(down instanceof io.smallrye.mutiny.TimeoutException, "the client answered: " + down);
            assertTrue(TransientFailures.isTransient(down), "a refused connection: " + down);
        } finally {
            server.restart();
            client.close();
        }
    }

    @Test
    void aCommandRedisRefusesIsNotTransientButLoadingIs() {
        Redis client = Redis.createClient(vertx, server.uri());
        try {
            String key = "list-" + UUID.randomUUID();
            client.send(Request.cmd(Command.RPUSH).arg(key).arg("a")).await().atMost(WAIT);
            Throwable wrongType = failureOf(client.send(Request.cmd(Command.INCR).arg(key)));
            assertFalse(TransientFailures.isTransient(wrongType), "WRONGTYPE: " + wrongType);
            Throwable scriptError = failureOf(client.send(Request.cmd(Command.EVAL)
                    .arg("return redis.call('NO-SUCH-COMMAND')").arg(0)));
            assertFalse(TransientFailures.isTransient(scriptError), "a failing script: " + scriptError);
        } finally {
            client.close();
        }
        assertTrue(TransientFailures.isTransient(
                ErrorType.create("LOADING Redis is loading the dataset in memory")));
        assertTrue(TransientFailures.isTransient(ErrorType.create("CLUSTERDOWN The cluster is down")));
        // what the client reports for a batch's command: the reply inside decides
        assertTrue(TransientFailures.isTransient(ErrorType.create("ERR [0] CONNECTION_CLOSED")),
                "a request the connection closed on (RedisOutageIT met it)");
        assertTrue(TransientFailures.isTransient(ErrorType.create("ERR [3] LOADING Redis is loading")));
        assertFalse(TransientFailures.isTransient(ErrorType.create("ERR [1] WRONGTYPE Operation against a key")));
        // The client's report of a batch whose connection Redis reset (seen when Redis stopped mid-fan-out).
        assertTrue(TransientFailures.isTransient(
                ErrorType.create("ERR [0] java.net.SocketException: Connection reset")));
        assertTrue(TransientFailures.isTransient(ErrorType.create("ERR [2] io.vertx.core.VertxException: closed")));
        assertFalse(TransientFailures.isTransient(ErrorType.create("ERR [0] java.lang.IllegalArgumentException: x")),
                "a failure of the client that is no connection failure would fail again");
        assertFalse(TransientFailures.isTransient(ErrorType.create("ERR [0] no.such.Failure: x")));
        assertFalse(TransientFailures.isTransient(ErrorType.create("ERR unknown command 'NOPE'")));
    }

    @Test
    void aDatabaseThatIsDownIsTransientButAStatementItRefusesIsNot() throws IOException {
        LocalPostgres postgres = LocalPostgres.start(Path.of("target", "transient-pg"), List.of("transient"));
        PgConnectOptions options = PgConnectOptions.fromUri(postgres.reactiveUrl("transient"))
                .setUser(postgres.username()).setPassword(postgres.password());
        Pool pool = PgPool.pool(vertx, options, new PoolOptions().setMaxSize(1));
        try {
            Throwable divided = failureOf(pool.query("select 1 / 0").execute());
            assertFalse(TransientFailures.isTransient(divided), "division by zero: " + divided);
            Throwable missing = failureOf(pool.query("select * from no_such_table").execute());
            assertFalse(TransientFailures.isTransient(missing), "an unknown table: " + missing);
            postgres.stop();
            Throwable down = failureOf(pool.query("select 1").execute());
            assertFalse(down instanceof io.smallrye.mutiny.TimeoutException, "the client answered: " + down);
            assertTrue(TransientFailures.isTransient(down), "a stopped database: " + down);
        } finally {
            pool.closeAndAwait();
            postgres.close();
        }
        assertTrue(TransientFailures.isTransientSqlState("57P01"), "admin shutdown");
        assertTrue(TransientFailures.isTransientSqlState("08006"), "connection failure");
        assertFalse(TransientFailures.isTransientSqlState("23505"), "unique violation");
    }

    @Test
    void aRecordThatCannotBeReadIsNotTransient() {
        Exception truncated = assertThrows(IOException.class,
                () -> new ObjectMapper().readTree("{\"truncated\": "));
        assertFalse(TransientFailures.isTransient(truncated), "a JSON parse failure is an IOException, not an outage");
        assertFalse(TransientFailures.isTransient(new UncheckedIOException((IOException) truncated)));
        assertFalse(TransientFailures.isTransient(new UnprocessableEventException("no ce_type")));
        assertFalse(TransientFailures.isTransient(new IllegalArgumentException("bad id")));
        assertTrue(TransientFailures.isTransient(new IllegalStateException("wrapped",
                new java.net.ConnectException("Connection refused"))));
    }

    @Test
    void workRetriedAcrossARedisRestartCompletesOnceRedisIsBack() throws Exception {
        Redis client = Redis.createClient(vertx, server.uri());
        String key = "counter-" + UUID.randomUUID();
        AtomicInteger attempts = new AtomicInteger();
        server.stop();
        Uni<Response> retried = TransientFailures.retried(() -> {
            attempts.incrementAndGet();
            return client.send(Request.cmd(Command.INCR).arg(key));
        }, "a test increment");
        java.util.concurrent.CompletableFuture<Response> result = retried.subscribeAsCompletionStage()
                .toCompletableFuture();
        try {
            Thread.sleep(1_500);
            assertFalse(result.isDone(), "still retrying while Redis is down");
            assertTrue(attempts.get() >= 2, "attempts so far: " + attempts.get());
        } finally {
            server.restart();
        }
        assertEquals(1, result.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).toInteger(),
                "the failed attempts changed nothing, the one that reached Redis counted once");
        client.close();
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        Uni<Void> failing = TransientFailures.retried(() -> {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(new UnprocessableEventException("no ce_type"));
        }, "a poison record");
        assertThrows(UnprocessableEventException.class, () -> failing.await().atMost(WAIT));
        assertEquals(1, attempts.get());
    }

    @Test
    void workThatFailsWhileTheServiceStopsIsLeftUnfinishedNotDeadLettered() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        TransientFailures.stopping(true);
        try {
            java.util.concurrent.CompletableFuture<Void> transientFailure = TransientFailures.<Void>retried(() -> {
                attempts.incrementAndGet();
                return Uni.createFrom().failure(new java.net.ConnectException("Connection refused"));
            }, "a write as Redis closes").subscribeAsCompletionStage().toCompletableFuture();
            java.util.concurrent.CompletableFuture<Void> permanentFailure = TransientFailures.<Void>retried(
                    () -> Uni.createFrom().failure(new IllegalStateException("Client is closed")),
                    "a write after the client closed").subscribeAsCompletionStage().toCompletableFuture();
            Thread.sleep(500);
            assertFalse(transientFailure.isDone(), "neither retried to success nor failed: left for redelivery");
            assertFalse(permanentFailure.isDone(), "not failed, so its consumer does not dead-letter it");
            assertEquals(1, attempts.get(), "no retries while stopping");
        } finally {
            TransientFailures.stopping(false);
        }
    }

    private static Throwable failureOf(Uni<?> call) {
        return assertThrows(Throwable.class, () -> call.await().atMost(WAIT));
    }
}
