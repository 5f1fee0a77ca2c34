package io.circles.system;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.circles.local.LocalService;
import io.circles.test.Tokens;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signing keys rotate without downtime: a service given a JWKS with the current and the next key accepts tokens of
 * both, and refuses a token whose key id it does not know or whose signature does not match the named key.
 */
class KeyRotationIT {

    private static final String CURRENT_KID = "circles-dev";
    private static final String NEXT_KID = "circles-next";

    private static LocalService service;
    private static KeyPair next;

    @BeforeAll
    static void startAServiceWithTwoActiveKeys() throws Exception {
        PlatformUnderTest platform = PlatformUnderTest.get();
        Path repo = Path.of("").toAbsolutePath().getParent();
        RSAPublicKey current = (RSAPublicKey) KeyUtils.decodePublicKey(Files.readString(
                repo.resolve("platform-runtime/src/main/resources/dev-keys/jwt-public.pem")));
        next = rsa();
        Path jwks = Path.of("target", "rotation-jwks.json").toAbsolutePath();
        Files.writeString(jwks, new JsonWebKeySet(jwk(current, CURRENT_KID),
                jwk((RSAPublicKey) next.getPublic(), NEXT_KID)).toJson());

        Map<String, String> config = new HashMap<>(platform.infrastructure().quarkusConfig("community"));
        config.put("mp.jwt.verify.publickey.location", jwks.toString());
        service = LocalService.start("community-service", repo.resolve("community-service/target/quarkus-app/quarkus-run.jar"),
                freePort(), config, Path.of("target", "service-logs", "community-service-rotation.log").toAbsolutePath());
        service.awaitReady(Duration.ofSeconds(180));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void tokensSignedWithTheCurrentOrTheNextKeyAreBothAccepted() {
        assertStatus(Tokens.forUser(Tokens.newUserId("alice")), 200);
        assertStatus(sign(next.getPrivate(), NEXT_KID), 200);
    }

    @Test
    void aTokenWithAnUnknownKeyIdOrTheWrongKeyForItsIdIsRefused() throws Exception {
        PrivateKey stranger = rsa().getPrivate();
        assertStatus(sign(stranger, "circles-retired"), 401);
        assertStatus(sign(stranger, NEXT_KID), 401);
    }

    private static void assertStatus(String token, int status) {
        given().baseUri(service.baseUrl()).auth().oauth2(token)
                .when().get("/api/interests")
                .then().statusCode(status);
    }

    private static String sign(PrivateKey key, String kid) {
        String user = Tokens.newUserId("bob");
        return Jwt.issuer(Tokens.ISSUER).audience(Tokens.AUDIENCE).subject(user).upn(user).groups(Set.of("user"))
                .expiresIn(Duration.ofMinutes(10)).jws().keyId(kid).sign(key);
    }

    private static RsaJsonWebKey jwk(RSAPublicKey key, String kid) {
        RsaJsonWebKey jwk = new RsaJsonWebKey(key);
        jwk.setKeyId(kid);
        jwk.setAlgorithm("RS256");
        jwk.setUse("sig");
        return jwk;
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
