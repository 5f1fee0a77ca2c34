package io.circles.platform.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.SecretKey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The bearer-token parser of every service: the platform's verifier, with the tokens it verified remembered until
 * they expire. A client sends the same token with every request for its lifetime, and checking its RSA signature and
 * claims again each time cost more than half of the CPU of the cheapest authenticated request (the feed benchmark's
 * fixed page: 17,345 req/s without a token, 7,358 behind one). A token seen before is answered with the
 * {@link JsonWebToken} its first verification produced, which is immutable and holds nothing of any request.
 *
 * <p>What a remembered token does not change: a token is remembered only after it passed every check, under the
 * SHA-256 of its exact text (so a token differing in one character, a tampered one, is looked up under another digest
 * and verified on its own); it is forgotten when it expires, and then verified again, so the verifier's own rules for
 * expiry (with their clock skew) decide; and it is forgotten after {@code circles.verified-tokens.max-age} at the
 * latest, so a signing key withdrawn from the service's keys stops being accepted within that time. Failed
 * verifications are never remembered. Only {@link #parse(String)}, what the bearer-token mechanism calls, is
 * remembered; the other methods verify every time.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    private final JWTParser verifier;
    /** Absent when {@code circles.verified-tokens.size} is 0. */
    private final Cache<Digest, JsonWebToken> verified;

    @Inject
    VerifiedTokens(DefaultJWTParser verifier, VerifiedTokensConfig config, MeterRegistry registry) {
        this(verifier, config.size(), config.maxAge(), Clock.systemUTC(), Ticker.systemTicker());
        if (verified != null) {
            CaffeineCacheMetrics.monitor(registry, verified, "verified-tokens");
        }
    }

    VerifiedTokens(JWTParser verifier, int size, Duration maxAge, Clock clock, Ticker ticker) {
        this.verifier = verifier;
        this.verified = size <= 0 ? null : Caffeine.newBuilder()
                .maximumSize(size)
                .expireAfter(new UntilExpiry(maxAge, clock))
                .ticker(ticker)
                .executor(Runnable::run)
                .recordStats()
                .build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (verified == null) {
            return verifier.parse(token);
        }
        Digest digest = Digest.of(token);
        JsonWebToken known = verified.getIfPresent(digest);
        if (known != null) {
            return known;
        }
        JsonWebToken fresh = verifier.parse(token);
        verified.put(digest, fresh);
        return fresh;
    }

    /** Tokens remembered now (after pending evictions); for tests and diagnostics. */
    long size() {
        if (verified == null) {
            return 0;
        }
        verified.cleanUp();
        return verified.estimatedSize();
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }

    /** A verified token lives until its {@code exp} or for {@code maxAge}, whichever comes first. */
    private record UntilExpiry(Duration maxAge, Clock clock) implements Expiry<Digest, JsonWebToken> {

        @Override
        public long expireAfterCreate(Digest key, JsonWebToken token, long currentTime) {
            long exp = token.getExpirationTime();
            if (exp <= 0) {
                return 0; // no expiry claim: nothing says how long it stays valid, so it is not remembered
            }
            Duration left = Duration.between(clock.instant(), Instant.ofEpochSecond(exp));
            if (left.isNegative()) {
                return 0; // accepted within the clock skew: verified again on every use until refused
            }
            return Math.min(left.toNanos(), maxAge.toNanos());
        }

        @Override
        public long expireAfterUpdate(Digest key, JsonWebToken token, long currentTime, long currentDuration) {
            return expireAfterCreate(key, token, currentTime);
        }

        @Override
        public long expireAfterRead(Digest key, JsonWebToken token, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    /** The SHA-256 of a token's text: what it is remembered under (the text itself is not compared or kept as key). */
    record Digest(long a, long b, long c, long d) {

        private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
        });

        static Digest of(String token) {
            ByteBuffer hash = ByteBuffer.wrap(SHA256.get().digest(token.getBytes(StandardCharsets.UTF_8)));
            return new Digest(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
        }
    }
}
