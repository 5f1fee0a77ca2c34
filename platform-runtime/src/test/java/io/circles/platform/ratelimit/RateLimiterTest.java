package io.circles.platform.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.circles.local.LocalRedis;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The limiter against a real redis-server: two limiters stand for two replicas of a service. */
class RateLimiterTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static LocalRedis server;
    private static Vertx vertx;

    @BeforeAll
    static void startRedis() throws IOException {
        server = LocalRedis.start(Path.of("target", "ratelimit-redis"));
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopRedis() {
        vertx.closeAndAwait();
        server.close();
    }

    @Test
    void twoReplicasDrawOnOneBudget() {
        RateLimiter first = limiter(server.uri(), budget(4, Duration.ofSeconds(20)), new SimpleMeterRegistry());
        RateLimiter second = limiter(server.uri(), budget(4, Duration.ofSeconds(20)), new SimpleMeterRegistry());
        String user = newUser();

        for (int i = 0; i < 2; i++) {
            assertTrue(acquire(first, user, RateLimited.JOIN).allowed());
            assertTrue(acquire(second, user, RateLimited.JOIN).allowed());
        }
        RateLimiter.Decision refused = acquire(first, user, RateLimited.JOIN);
        assertFalse(refused.allowed(), "the other replica used half of the budget");
        assertFalse(acquire(second, user, RateLimited.JOIN).allowed());
        // one request comes back every 20 s / 4 = 5 s
        assertTrue(refused.retryAfterSeconds() >= 4 && refused.retryAfterSeconds() <= 5,
                "Retry-After " + refused.retryAfterSeconds());
    }

    @Test
    void budgetsArePerUserAndPerScope() {
        RateLimiter limiter = limiter(server.uri(), budget(1, Duration.ofSeconds(30)), new SimpleMeterRegistry());
        String alice = newUser();
        String bob = newUser();

        assertTrue(acquire(limiter, alice, RateLimited.POST).allowed());
        assertFalse(acquire(limiter, alice, RateLimited.POST).allowed());
        assertTrue(acquire(limiter, alice, RateLimited.RSVP).allowed(), "another scope has its own budget");
        assertTrue(acquire(limiter, bob, RateLimited.POST).allowed(), "another user has their own budget");
    }

    @Test
    void aRefusedRequestTakesNothingFromTheBudgetAndCountsAsRejected() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        RateLimiter limiter = limiter(server.uri(), budget(2, Duration.ofSeconds(30)), metrics);
        String user = newUser();

        assertEquals(1, acquire(limiter, user, RateLimited.PROMOTION).remaining());
        assertEquals(0, acquire(limiter, user, RateLimited.PROMOTION).remaining());
        RateLimiter.Decision first = acquire(limiter, user, RateLimited.PROMOTION);
        RateLimiter.Decision second = acquire(limiter, user, RateLimited.PROMOTION);

        assertFalse(first.allowed());
        assertFalse(second.allowed());
        assertTrue(second.retryAfter().compareTo(first.retryAfter()) <= 0, "refusals do not push the next slot back");
        assertEquals(2.0, metrics.counter("circles.rate-limit.rejected", "scope", RateLimited.PROMOTION).count());
    }

    @Test
    void aWholeWindowRestoresTheWholeBudgetAndTheKeyExpires() throws InterruptedException {
        Duration window = Duration.ofMillis(1500);
        RateLimiter limiter = limiter(server.uri(), budget(3, window), new SimpleMeterRegistry());
        String user = newUser();
        for (int i = 0; i < 3; i++) {
            assertTrue(acquire(limiter, user, RateLimited.RSVP).allowed());
        }
        assertFalse(acquire(limiter, user, RateLimited.RSVP).allowed());
        long ttl = send(server.uri(), Request.cmd(Command.PTTL).arg(RateLimiter.key(user, RateLimited.RSVP))).toLong();
        assertTrue(ttl > 0 && ttl <= window.toMillis(), "the key lives until the budget is full again: " + ttl);

        Thread.sleep(window.toMillis() + 100);

        assertNull(send(server.uri(), Request.cmd(Command.GET).arg(RateLimiter.key(user, RateLimited.RSVP))),
                "a full budget needs no key");
        for (int i = 0; i < 3; i++) {
            assertTrue(acquire(limiter, user, RateLimited.RSVP).allowed(), "request " + (i + 1) + " after the window");
        }
        assertFalse(acquire(limiter, user, RateLimited.RSVP).allowed());
    }

    @Test
    void withoutRedisWritesGoAheadAndAreCountedAsUnchecked() throws IOException {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        RateLimiter limiter = limiter("redis://127.0.0.1:" + closedPort(), budget(1, Duration.ofMinutes(1)), metrics);
        String user = newUser();

        for (int i = 0; i < 3; i++) {
            assertTrue(acquire(limiter, user, RateLimited.JOIN).allowed());
        }
        assertEquals(3.0, metrics.counter("circles.rate-limit.unchecked", "scope", RateLimited.JOIN).count());
    }

    @Test
    void disabledLimitsNeverRefuse() {
        RateLimitConfig off = config(false, budget(1, Duration.ofMinutes(1)));
        RateLimiter limiter = new RateLimiter(Redis.createClient(vertx, server.uri()), off, new SimpleMeterRegistry());
        String user = newUser();

        for (int i = 0; i < 3; i++) {
            assertTrue(acquire(limiter, user, RateLimited.POST).allowed());
        }
        assertNull(send(server.uri(), Request.cmd(Command.GET).arg(RateLimiter.key(user, RateLimited.POST))));
    }

    @Test
    void retryAfterRoundsUpToWholeSeconds() {
        assertEquals(1, new RateLimiter.Decision(false, 0, Duration.ofMillis(1)).retryAfterSeconds());
        assertEquals(2, new RateLimiter.Decision(false, 0, Duration.ofMillis(1001)).retryAfterSeconds());
        assertEquals(5, new RateLimiter.Decision(false, 0, Duration.ofSeconds(5)).retryAfterSeconds());
    }

    private static RateLimiter.Decision acquire(RateLimiter limiter, String user, String scope) {
        return limiter.acquire(user, scope).await().atMost(WAIT);
    }

    private static RateLimiter limiter(String uri, RateLimitConfig.Budget budget, MeterRegistry metrics) {
        return new RateLimiter(Redis.createClient(vertx, uri), config(true, budget), metrics);
    }

    private static Response send(String uri, Request request) {
        Redis client = Redis.createClient(vertx, uri);
        try {
            return client.send(request).await().atMost(WAIT);
        } finally {
            client.close();
        }
    }

    private static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static RateLimitConfig.Budget budget(int requests, Duration window) {
        return new RateLimitConfig.Budget() {
            @Override
            public int requests() {
                return requests;
            }

            @Override
            public Duration window() {
                return window;
            }
        };
    }

    /** The same budget for every scope. */
    private static RateLimitConfig config(boolean enabled, RateLimitConfig.Budget budget) {
        return new RateLimitConfig() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public Duration timeout() {
                // Well above a loaded machine's first connection to Redis (past it, the limiter lets writes go
                // ahead unchecked and a budget test would see no refusal), below the test's own WAIT.
                return Duration.ofSeconds(4);
            }

            @Override
            public Budget post() {
                return budget;
            }

            @Override
            public Budget join() {
                return budget;
            }

            @Override
            public Budget rsvp() {
                return budget;
            }

            @Override
            public Budget promotion() {
                return budget;
            }
        };
    }
}
