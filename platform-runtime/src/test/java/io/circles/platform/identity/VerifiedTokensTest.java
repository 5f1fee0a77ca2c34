package io.circles.platform.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Ticker;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Remembered tokens against the real verifier (RSA signatures, issuer, expiry), with the cache's time in hand. */
class VerifiedTokensTest {

    private static final String ISSUER = "https://circles.test/issuer";

    private static KeyPair keys;
    private static KeyPair otherKeys;

    private final FakeTime time = new FakeTime();
    private final CountingVerifier verifier = new CountingVerifier(0);

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        otherKeys = generator.generateKeyPair();
    }

    @Test
    void aTokenIsVerifiedOnceThenAnsweredFromMemory() throws Exception {
        VerifiedTokens tokens = remembering(100, Duration.ofMinutes(5));
        String token = sign("alice", Duration.ofHours(1), keys);

        JsonWebToken first = tokens.parse(token);
        JsonWebToken second = tokens.parse(token);

        assertEquals("alice", first.getSubject());
        assertSame(first, second);
        assertEquals(1, verifier.calls.get());
    }

    @Test
    void eachTokenIsRememberedOnItsOwn() throws Exception {
        VerifiedTokens tokens = remembering(100, Duration.ofMinutes(5));
        String alice = sign("alice", Duration.ofHours(1), keys);
        String bob = sign("bob", Duration.ofHours(1), keys);

        assertEquals("alice", tokens.parse(alice).getSubject());
        assertEquals("bob", tokens.parse(bob).getSubject());
        assertEquals("alice", tokens.parse(alice).getSubject());
        assertEquals("bob", tokens.parse(bob).getSubject());
        assertEquals(2, verifier.calls.get());
    }

    @Test
    void aTamperedCopyOfARememberedTokenIsVerifiedAndRefused() throws Exception {
        VerifiedTokens tokens = remembering(100, Duration.ofMinutes(5));
        String token = sign("alice", Duration.ofHours(1), keys);
        tokens.parse(token);
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(
                        payload.replace("alice", "admin").getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        String resigned = sign("alice", Duration.ofHours(1), otherKeys);

        assertThrows(ParseException.class, () -> tokens.parse(tampered));
        assertThrows(ParseException.class, () -> tokens.parse(resigned));
        assertEquals(3, verifier.calls.get());
    }

    @Test
    void aRefusedTokenIsNotRemembered() throws Exception {
        VerifiedTokens tokens = remembering(100, Duration.ofMinutes(5));
        String foreign = sign("alice", Duration.ofHours(1), otherKeys);

        assertThrows(ParseException.class, () -> tokens.parse(foreign));
        assertThrows(ParseException.class, () -> tokens.parse(foreign));
        assertEquals(2, verifier.calls.get());
        assertEquals(0, tokens.size());
    }

    @Test
    void aTokenIsForgottenWhenItExpires() throws Exception {
        VerifiedTokens tokens = remembering(100, Duration.ofHours(2));
        String token = sign("alice", Duration.ofMinutes(10), keys);
        tokens.parse(token);

        time.advance(Duration.ofMinutes(9));
        tokens.parse(token);
        assertEquals(1, verifier.calls.get());

        time.advance(Duration.ofMinutes(2));
        tokens.parse(token); // the real verifier, on the real clock, still accepts it: what counts is that it was asked
        assertEquals(2, verifier.calls.get());
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterTheMaximumAge() throws Exception {
        VerifiedTokens tokens = remembering(100, Duration.ofMinutes(5));
        String token = sign("alice", Duration.ofHours(12), keys);
        tokens.parse(token);

        time.advance(Duration.ofMinutes(4));
        tokens.parse(token);
        assertEquals(1, verifier.calls.get());

        time.advance(Duration.ofMinutes(2));
        tokens.parse(token);
        assertEquals(2, verifier.calls.get());
    }

    @Test
    void aTokenPastItsExpiryIsRefusedAlthoughItWasRememberedBefore() throws Exception {
        // Real time and no clock skew: the verifier itself must refuse the token once its exp has passed.
        CountingVerifier strict = new CountingVerifier(0);
        VerifiedTokens tokens = new VerifiedTokens(strict, 100, Duration.ofMinutes(5), Clock.systemUTC(),
                Ticker.systemTicker());
        Instant expiry = Instant.now().plusSeconds(2);
        String token = sign("alice", expiry, keys);
        assertEquals("alice", tokens.parse(token).getSubject());

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiry).toMillis()) + 1_100);

        assertThrows(ParseException.class, () -> tokens.parse(token));
        assertEquals(2, strict.calls.get());
    }

    @Test
    void sizeZeroVerifiesEveryRequest() throws Exception {
        VerifiedTokens tokens = remembering(0, Duration.ofMinutes(5));
        String token = sign("alice", Duration.ofHours(1), keys);

        tokens.parse(token);
        tokens.parse(token);

        assertEquals(2, verifier.calls.get());
    }

    @Test
    void atMostSizeTokensAreRemembered() throws Exception {
        VerifiedTokens tokens = remembering(3, Duration.ofMinutes(5));
        for (String user : List.of("a", "b", "c", "d", "e", "f")) {
            tokens.parse(sign(user, Duration.ofHours(1), keys));
        }

        assertTrue(tokens.size() <= 3, "remembered " + tokens.size());
    }

    private VerifiedTokens remembering(int size, Duration maxAge) {
        return new VerifiedTokens(verifier, size, maxAge, time, time);
    }

    private String sign(String subject, Duration lifetime, KeyPair signer) throws Exception {
        return sign(subject, time.instant().plus(lifetime), signer);
    }

    private static String sign(String subject, Instant expiry, KeyPair signer) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setIssuedAtToNow();
        claims.setExpirationTime(NumericDate.fromSeconds(expiry.getEpochSecond()));
        claims.setStringListClaim("groups", "user");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signer.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    /** The real verifier (the test's public key and issuer), counting how often it is asked. */
    private static final class CountingVerifier extends DefaultJWTParser {

        final AtomicInteger calls = new AtomicInteger();

        CountingVerifier(int clockSkewSeconds) {
            super(context(clockSkewSeconds));
        }

        private static JWTAuthContextInfo context(int clockSkewSeconds) {
            JWTAuthContextInfo context = new JWTAuthContextInfo((RSAPublicKey) keys.getPublic(), ISSUER);
            context.setClockSkew(clockSkewSeconds);
            return context;
        }

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            calls.incrementAndGet();
            return super.parse(token);
        }
    }

    /** The cache's wall clock and its ticker, moved together by the test. */
    private static final class FakeTime extends Clock implements Ticker {

        private final Instant start = Instant.now();
        private final AtomicLong elapsedNanos = new AtomicLong();

        void advance(Duration duration) {
            elapsedNanos.addAndGet(duration.toNanos());
        }

        @Override
        public long read() {
            return elapsedNanos.get();
        }

        @Override
        public Instant instant() {
            return start.plusNanos(elapsedNanos.get());
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
