package io.circles.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.circles.local.LocalService;
import io.circles.test.Tokens;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every service verifies tokens itself and refuses forged, expired or foreign ones with a 401 problem — directly and
 * through the gateway — without writing the token to its log.
 */
class TokenRejectionIT {

    /**
     * One authenticated read per service, answered 2xx for a valid token (media-service's: 404 for media nobody
     * uploaded, which it answers only once the token is accepted).
     */
    private static final Map<String, String> PROBES = Map.of(
            "community-service", "/api/interests",
            "event-service", "/api/activities",
            "merchant-service", "/api/merchants",
            "feed-service", "/api/feeds/me",
            "notification-service", "/api/notifications/unread-count",
            "media-service", "/api/media/no-such-media");

    private static PlatformUnderTest platform;

    @BeforeAll
    static void startPlatform() {
        platform = PlatformUnderTest.get();
    }

    static Stream<Arguments> forgedTokens() throws Exception {
        String user = Tokens.newUserId("mallory");
        Instant now = Instant.now();
        var devKey = KeyUtils.readPrivateKey("dev-keys/jwt-private.pem");
        var otherKey = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        String valid = Tokens.forUser(user);
        String publicPem = Files.readString(
                Path.of("..", "platform-runtime", "src", "main", "resources", "dev-keys", "jwt-public.pem"));
        String claims = "{\"iss\":\"" + Tokens.ISSUER + "\",\"aud\":\"" + Tokens.AUDIENCE + "\",\"sub\":\"" + user
                + "\",\"upn\":\"" + user + "\",\"exp\":" + now.plusSeconds(3600).getEpochSecond() + ",\"iat\":"
                + now.getEpochSecond() + "}";
        String unsignedHeader = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String hsHeader = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"circles-dev\"}");
        String hsSigningInput = hsHeader + "." + base64(claims);
        return Stream.of(
                Arguments.of("expired", claims(user).expiresAt(now.minus(Duration.ofMinutes(10)))
                        .issuedAt(now.minus(Duration.ofHours(1))).jws().keyId("circles-dev").sign(devKey)),
                Arguments.of("another issuer", claims(user).issuer("https://evil.example/issuer")
                        .jws().keyId("circles-dev").sign(devKey)),
                Arguments.of("another audience", claims(user).audience("another-app")
                        .jws().keyId("circles-dev").sign(devKey)),
                Arguments.of("signed by another key", claims(user).jws().keyId("circles-dev").sign(otherKey)),
                Arguments.of("alg none", unsignedHeader + "." + base64(claims) + "."),
                Arguments.of("HS256 with the public key as secret", hsSigningInput + "." + hmac(hsSigningInput, publicPem)),
                Arguments.of("tampered payload", withSubject(valid, user, "root")),
                Arguments.of("garbage", "not-a-jwt"));
    }

    @ParameterizedTest(name = "{0} token is refused")
    @MethodSource("forgedTokens")
    void everyServiceRefusesTheToken(String kind, String token) throws Exception {
        for (LocalService service : platform.services()) {
            String path = PROBES.get(service.name());
            given().baseUri(service.baseUrl()).auth().oauth2(token)
                    .when().get(path)
                    .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
            given().baseUri(platform.gatewayUrl()).auth().oauth2(token)
                    .when().get(path)
                    .then().statusCode(401).contentType("application/problem+json");
            String log = Files.readString(service.log());
            assertFalse(log.contains(token), service.name() + " wrote a presented token to its log");
        }
    }

    @org.junit.jupiter.api.Test
    void aValidTokenIsAcceptedByEveryService() {
        String token = Tokens.forUser(Tokens.newUserId("alice"));
        for (LocalService service : platform.services()) {
            int status = given().baseUri(service.baseUrl()).auth().oauth2(token)
                    .when().get(PROBES.get(service.name()))
                    .then().extract().statusCode();
            org.junit.jupiter.api.Assertions.assertTrue(accepted(service, status),
                    service.name() + " answered " + status + " to a valid token");
        }
    }

    /** Services remember verified tokens (VerifiedTokens): a copy of an accepted token with its claims edited is not. */
    @org.junit.jupiter.api.Test
    void aTamperedCopyOfAnAcceptedTokenIsRefused() {
        String user = Tokens.newUserId("mallory");
        String token = Tokens.forUser(user);
        String tampered = withSubject(token, user, "root");
        for (LocalService service : platform.services()) {
            String path = PROBES.get(service.name());
            for (int i = 0; i < 2; i++) {
                int status = given().baseUri(service.baseUrl()).auth().oauth2(token)
                        .when().get(path)
                        .then().extract().statusCode();
                org.junit.jupiter.api.Assertions.assertTrue(accepted(service, status),
                        service.name() + " answered " + status + " to a valid token");
            }
            given().baseUri(service.baseUrl()).auth().oauth2(tampered)
                    .when().get(path)
                    .then().statusCode(401).contentType("application/problem+json");
        }
    }

    /** A probe's answer to a valid token: 2xx, or the 404 media-service's probe is made to get. */
    private static boolean accepted(LocalService service, int status) {
        return status < 400 || (service.name().equals("media-service") && status == 404);
    }

    /** The second request with a token is answered from the verified tokens, counted in the service's metrics. */
    @org.junit.jupiter.api.Test
    void everyServiceVerifiesATokenOnceAndThenRemembersIt() {
        String token = Tokens.forUser(Tokens.newUserId("alice"));
        for (LocalService service : platform.services()) {
            String path = PROBES.get(service.name());
            given().baseUri(service.baseUrl()).auth().oauth2(token).when().get(path);
            double hits = verifiedTokenHits(service);
            given().baseUri(service.baseUrl()).auth().oauth2(token).when().get(path);
            double after = verifiedTokenHits(service);
            org.junit.jupiter.api.Assertions.assertTrue(after >= hits + 1,
                    service.name() + " answered a known token without a hit: " + hits + " -> " + after);
        }
    }

    private static double verifiedTokenHits(LocalService service) {
        String metrics = given().baseUri(service.baseUrl()).when().get("/q/metrics")
                .then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("cache_gets_total{") && line.contains("cache=\"verified-tokens\"")
                        && line.contains("result=\"hit\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(service.name() + " exports no verified-tokens cache hits"));
    }

    /** The token with {@code user} replaced by {@code other} in its claims and its signature left as it was. */
    private static String withSubject(String token, String user, String other) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        return parts[0] + "." + base64(payload.replace(user, other)) + "." + parts[2];
    }

    private static JwtClaimsBuilder claims(String user) {
        return Jwt.issuer(Tokens.ISSUER).audience(Tokens.AUDIENCE).subject(user).upn(user).groups(Set.of("user"))
                .expiresIn(Duration.ofHours(1));
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String hmac(String input, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
    }
}
