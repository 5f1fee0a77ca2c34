package io.circles.test;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/** Mints bearer tokens as the platform's (dev) identity provider would, for any user id and groups. */
public final class Tokens {

    public static final String ISSUER = "https://circles.dev/issuer";
    public static final String AUDIENCE = "circles";

    private static PrivateKey key;

    private Tokens() {
    }

    /** A valid token for {@code userId}, member of {@code groups} (e.g. {@code platform-admin}). */
    public static String forUser(String userId, String... groups) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(userId)
                .upn(userId)
                .groups(groups.length == 0 ? Set.of("user") : Set.of(groups))
                .expiresIn(Duration.ofHours(1))
                .jws().keyId("circles-dev")
                .sign(devKey());
    }

    /** "Bearer ..." for a request header. */
    public static String bearer(String userId, String... groups) {
        return "Bearer " + forUser(userId, groups);
    }

    /** A fresh user id, so every test works with its own users. */
    public static String newUserId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static synchronized PrivateKey devKey() {
        if (key == null) {
            try {
                key = KeyUtils.readPrivateKey("dev-keys/jwt-private.pem");
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the dev signing key", e);
            }
        }
        return key;
    }
}
