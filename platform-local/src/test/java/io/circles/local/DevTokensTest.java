package io.circles.local;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DevTokensTest {

    @Test
    void mintsAnRs256TokenWithTheExpectedClaims() throws Exception {
        String token = DevTokens.mint("alice", new LinkedHashSet<>(List.of("user", "platform-admin")),
                Duration.ofHours(24));
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);
        Base64.Decoder url = Base64.getUrlDecoder();
        String header = new String(url.decode(parts[0]), StandardCharsets.UTF_8);
        String payload = new String(url.decode(parts[1]), StandardCharsets.UTF_8);
        assertEquals("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"circles-dev\"}", header);
        assertTrue(payload.contains("\"iss\":\"https://circles.dev/issuer\""), payload);
        assertTrue(payload.contains("\"aud\":\"circles\""), payload);
        assertTrue(payload.contains("\"sub\":\"alice\",\"upn\":\"alice\",\"preferred_username\":\"alice\""), payload);
        assertTrue(payload.contains("\"groups\":[\"user\",\"platform-admin\"]"), payload);
        long now = Instant.now().getEpochSecond();
        long exp = Long.parseLong(payload.replaceAll(".*\"exp\":(\\d+).*", "$1"));
        assertTrue(Math.abs(exp - (now + 86_400)) < 60, payload);
        assertTrue(payload.matches(".*\"jti\":\"[0-9a-f-]{36}\".*"), payload);

        // The public half of the dev key verifies the signature.
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) DevTokens.privateKey();
        PublicKey pub = KeyFactory.getInstance("RSA").generatePublic(
                new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(pub);
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rsa.verify(url.decode(parts[2])));
        assertTrue(key.getModulus().bitLength() >= 2048, "RSA key size " + key.getModulus().bitLength());
        assertEquals(BigInteger.valueOf(65537), key.getPublicExponent());
    }
}
