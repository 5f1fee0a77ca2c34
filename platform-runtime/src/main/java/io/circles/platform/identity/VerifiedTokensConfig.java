package io.circles.platform.identity;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** How many verified bearer tokens a service remembers, and for how long at most; see {@link VerifiedTokens}. */
@ConfigMapping(prefix = "circles.verified-tokens")
public interface VerifiedTokensConfig {

    /** Tokens remembered at most (the least useful are dropped first); 0 verifies every request's token afresh. */
    int size();

    /**
     * The longest a verified token is remembered, however far its expiry: a key withdrawn from the verification keys
     * stops being accepted within this time.
     */
    Duration maxAge();
}
