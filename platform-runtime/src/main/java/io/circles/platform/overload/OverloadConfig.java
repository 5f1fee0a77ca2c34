package io.circles.platform.overload;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** How much work a service takes at once; the defaults live in platform-runtime's microprofile-config.properties. */
@ConfigMapping(prefix = "circles.overload")
public interface OverloadConfig {

    /** Off, every request is let through at once, however many are in flight. */
    boolean enabled();

    /** Requests served at once; the next ones wait for a slot. */
    int maxInFlight();

    /** Requests waiting for a slot, at most; one more is refused at once. */
    int maxQueued();

    /** How long a request may wait for a slot before it is refused; zero refuses at once when every slot is taken. */
    Duration maxQueueWait();

    /** What a refused client is told to wait ({@code Retry-After}, whole seconds). */
    Duration retryAfter();
}
