package io.circles.platform.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.circles.platform.redis.RedisScripts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Per-user write budgets kept in Redis, so every replica of a service draws on the same budget. One atomic script per
 * check implements GCRA (the generic cell rate algorithm): the key {@code rl:{<user>}:<scope>} holds the theoretical
 * arrival time of the next request, expires when the budget is full again, and the clock is Redis's own, so replicas
 * with skewed clocks still agree.
 *
 * <p>When Redis cannot answer within {@code circles.rate-limit.timeout}, the write goes ahead unchecked: a limiter
 * that fails closed would turn a Redis outage into failed writes for everyone. Each unchecked write is counted
 * ({@code circles.rate-limit.unchecked}) and the outage is logged once when it starts and once when it ends.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    /**
     * KEYS[1] the budget; ARGV[1] the interval between two requests at the sustained rate (ms), ARGV[2] the window
     * (ms). Returns {1, requests left} or {0, ms until the next request is allowed}.
     */
    static final String SCRIPT = """
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local interval = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            local tat = tonumber(redis.call('GET', KEYS[1]) or now)
            if tat < now then
                tat = now
            end
            local allowed_at = tat + interval - window
            if now < allowed_at then
                return {0, allowed_at - now}
            end
            local next_tat = tat + interval
            redis.call('SET', KEYS[1], next_tat, 'PX', next_tat - now)
            return {1, math.floor((window - (next_tat - now)) / interval)}
            """;
    static final String SCRIPT_SHA = RedisScripts.sha1(SCRIPT);

    private final Redis redis;
    private final RateLimitConfig config;
    private final MeterRegistry registry;
    private final AtomicBoolean redisAvailable = new AtomicBoolean(true);

    RateLimiter(Redis redis, RateLimitConfig config, MeterRegistry registry) {
        this.redis = redis;
        this.config = config;
        this.registry = registry;
    }

    /** Takes one request from the user's budget for the scope, unless it is used up. */
    public Uni<Decision> acquire(String userId, String scope) {
        RateLimitConfig.Budget budget = config.budget(scope);
        if (!config.enabled()) {
            return Uni.createFrom().item(Decision.UNCHECKED);
        }
        long window = Math.max(1, budget.window().toMillis());
        long interval = Math.max(1, window / Math.max(1, budget.requests()));
        String key = key(userId, scope);
        return run(key, interval, window)
                .ifNoItem().after(config.timeout()).fail()
                .map(reply -> {
                    if (!redisAvailable.getAndSet(true)) {
                        LOG.info("rate limits are enforced again: Redis answers");
                    }
                    if (reply.get(0).toInteger() == 1) {
                        return new Decision(true, reply.get(1).toLong(), Duration.ZERO);
                    }
                    registry.counter("circles.rate-limit.rejected", "scope", scope).increment();
                    return new Decision(false, 0, Duration.ofMillis(reply.get(1).toLong()));
                })
                .onFailure().recoverWithItem(failure -> {
                    if (redisAvailable.getAndSet(false)) {
                        LOG.warnf("rate limits are not enforced while Redis is unavailable: %s", failure.toString());
                    }
                    unchecked(scope).increment();
                    return Decision.UNCHECKED;
                });
    }

    /** The key of a user's budget; the hash tag keeps one user's budgets on one Redis Cluster slot. */
    static String key(String userId, String scope) {
        return "rl:{" + userId + "}:" + scope;
    }

    private Uni<Response> run(String key, long interval, long window) {
        return redis.send(script(Command.EVALSHA, SCRIPT_SHA, key, interval, window))
                .onFailure(RedisScripts::isNoScript)
                .recoverWithUni(() -> redis.send(script(Command.EVAL, SCRIPT, key, interval, window)));
    }

    private static Request script(Command command, String script, String key, long interval, long window) {
        return Request.cmd(command).arg(script).arg(1).arg(key).arg(interval).arg(window);
    }

    private Counter unchecked(String scope) {
        return registry.counter("circles.rate-limit.unchecked", "scope", scope);
    }

    /**
     * The outcome of a check: allowed with {@code remaining} requests left, or refused until {@code retryAfter} has
     * passed. An unchecked decision (limits off, Redis unavailable) is allowed.
     */
    public record Decision(boolean allowed, long remaining, Duration retryAfter) {

        static final Decision UNCHECKED = new Decision(true, -1, Duration.ZERO);

        /** Whole seconds for {@code Retry-After}, rounded up so a client that waits that long is let through. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }
}
