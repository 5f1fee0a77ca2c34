package io.circles.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Mints RS256 JWTs signed with the development key, accepted by the services in local runs and tests.
 */
public final class DevTokens {

    public static final String ISSUER = "https://circles.dev/issuer";
    public static final String AUDIENCE = "circles";
    public static final String KEY_ID = "circles-dev";
    static final String PRIVATE_KEY_RESOURCE = "/dev-keys/jwt-private.pem";

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static volatile PrivateKey key;

    private DevTokens() {
    }

    /** A signed token for subject with these groups, valid for ttl from now. */
    public static String mint(String subject, Set<String> groups, Duration ttl) {
        long now = Instant.now().getEpochSecond();
        StringJoiner groupList = new StringJoiner(",", "[", "]");
        for (String g : groups) {
            groupList.add(json(g));
        }
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":" + json(KEY_ID) + "}";
        String payload = "{\"iss\":" + json(ISSUER)
                + ",\"aud\":" + json(AUDIENCE)
                + ",\"sub\":" + json(subject)
                + ",\"upn\":" + json(subject)
                + ",\"preferred_username\":" + json(subject)
                + ",\"groups\":" + groupList
                + ",\"iat\":" + now
                + ",\"exp\":" + (now + ttl.toSeconds())
                + ",\"jti\":" + json(UUID.randomUUID().toString())
                + "}";
        String signingInput = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the dev key", e);
        }
    }

    /** The development private key (PKCS#8 PEM on the classpath). */
    static PrivateKey privateKey() {
        PrivateKey k = key;
        if (k == null) {
            try (InputStream in = DevTokens.class.getResourceAsStream(PRIVATE_KEY_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing classpath resource " + PRIVATE_KEY_RESOURCE);
                }
                String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                        .replaceAll("-----[A-Z ]+-----", "")
                        .replaceAll("\\s", "");
                k = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
                key = k;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("unreadable dev key " + PRIVATE_KEY_RESOURCE, e);
            }
        }
        return k;
    }

    private static String json(String value) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
