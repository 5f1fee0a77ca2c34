package io.circles.platform.consistency;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** How long a refusal may wait for a lagging projection; defaults in platform-runtime's microprofile-config. */
@ConfigMapping(prefix = "circles.read-your-writes")
public interface ConsistencyConfig {

    /** The longest a refused request waits for the projection to reach the end of its partition, then re-checks. */
    Duration bound();

    /** How often a waiting request looks at the projection's applied offset again. */
    Duration pollInterval();

    /**
     * Applies every projected record no earlier than this long after it was written to Kafka. Zero in production;
     * tests set it to prove that a lagging projection still lets the caller's own grant through.
     */
    Duration holdBack();
}
