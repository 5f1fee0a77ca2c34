package io.circles.platform.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.local.LocalRedis;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
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

    private static Throwable failureOf(Uni<?> call) {
        return assertThrows(Throwable.class, () -> call.await().atMost(WAIT));
    }
}
