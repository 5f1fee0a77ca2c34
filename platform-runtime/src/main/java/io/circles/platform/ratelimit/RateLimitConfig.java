package io.circles.platform.ratelimit;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** Write budgets per user; the defaults live in platform-runtime's microprofile-config.properties. */
@ConfigMapping(prefix = "circles.rate-limit")
public interface RateLimitConfig {

    /** Off, every write goes ahead unchecked and Redis is not asked. */
    boolean enabled();

    /** How long a check may wait for Redis before the write goes ahead unchecked. */
    Duration timeout();

    Budget post();

    Budget join();

    Budget rsvp();

    Budget promotion();

    /** {@code requests} per {@code window}; used up at once, one more comes back every window / requests. */
    interface Budget {

        int requests();

        Duration window();
    }

    default Budget budget(String scope) {
        return switch (scope) {
            case RateLimited.POST -> post();
            case RateLimited.JOIN -> join();
            case RateLimited.RSVP -> rsvp();
            case RateLimited.PROMOTION -> promotion();
            default -> throw new IllegalArgumentException("no rate-limit scope named " + scope);
        };
    }
}
