package io.circles.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import io.circles.local.LocalGateway;
import io.circles.local.LocalS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A URL signed for the gateway's origin works through the local gateway: the store sees the host, path and
 * {@code If-None-Match} that were signed, the client sees the store's 412 for a second PUT, and the upload route
 * streams bodies far above the 256 KB cap of the API routes.
 */
class UploadThroughGatewayTest {

    private static LocalS3 s3;
    private static LocalGateway gateway;
    private static S3Presigner presigner;
    private static S3Client direct;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        s3 = LocalS3.start(Path.of("target", "gateway-test-s3"));
        gateway = LocalGateway.start(0, LocalGateway.withObjectStore(Map.of(), s3.port()));
        AwsBasicCredentials credentials = AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY);
        S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
        presigner = S3Presigner.builder().endpointOverride(URI.create(origin()))
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(credentials))
                .serviceConfiguration(pathStyle).build();
        direct = S3Client.builder().endpointOverride(URI.create(s3.endpoint()))
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(credentials))
                .serviceConfiguration(pathStyle)
                // As media-service's own client: S3-compatible stores refuse the SDK's default checksum headers.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .build();
    }

    @AfterAll
    static void stop() {
        presigner.close();
        direct.close();
        gateway.close();
        s3.close();
    }

    @Test
    void aOneMegabyteUploadSignedForTheGatewayIsStoredThroughIt() throws Exception {
        byte[] body = new byte[1024 * 1024];
        new Random(7).nextBytes(body);
        String key = "u/through-gateway-" + System.nanoTime();
        assertEquals(200, put(signOnce(key, body.length), body));
        assertArrayEquals(body, stored(key));

        int anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(origin() + "/" + LocalS3.BUCKET + "/" + key))
                .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        assertEquals(403, anonymous, "the store serves nothing without a signature");
    }

    /**
     * The signed If-None-Match reaches the store and its 412 comes back. A small body: the store refuses without
     * reading the body, and a large one still arriving may be cut off by its closing the connection before the client
     * has read the answer, which is the store's transport, not the condition under test.
     */
    @Test
    void aSecondPutWithTheSameUrlIsRefused412ThroughTheGateway() throws Exception {
        byte[] body = new byte[4096];
        new Random(11).nextBytes(body);
        String key = "u/once-through-gateway-" + System.nanoTime();
        String url = signOnce(key, body.length);
        assertEquals(200, put(url, body));
        assertEquals(412, put(url, new byte[body.length]));
        assertArrayEquals(body, stored(key), "the first upload stands");
    }

    private static String origin() {
        return "http://127.0.0.1:" + gateway.port();
    }

    /** A URL signed for the gateway's origin as media-service signs it: type, length and If-None-Match: *. */
    private static String signOnce(String key, int length) {
        return presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(15))
                .putObjectRequest(r -> r.bucket(LocalS3.BUCKET).key(key).contentType("image/jpeg")
                        .contentLength((long) length).ifNoneMatch("*"))).url().toString();
    }

    private static int put(String url, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "image/jpeg")
                .header("If-None-Match", "*").PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static byte[] stored(String key) {
        return direct.getObjectAsBytes(r -> r.bucket(LocalS3.BUCKET).key(key)).asByteArray();
    }
}
