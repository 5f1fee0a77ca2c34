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

    @BeforeAll
    static void start() throws Exception {
        s3 = LocalS3.start(Path.of("target", "gateway-test-s3"));
        gateway = LocalGateway.start(0, LocalGateway.withObjectStore(Map.of(), s3.port()));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        s3.close();
    }

    @Test
    void aOneMegabyteUploadSignedForTheGatewayIsStoredThroughIt() throws Exception {
        String origin = "http://127.0.0.1:" + gateway.port();
        byte[] body = new byte[1024 * 1024];
        new Random(7).nextBytes(body);
        String key = "u/through-gateway-" + System.nanoTime();
        AwsBasicCredentials credentials = AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY);
        S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(URI.create(origin))
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(credentials))
                .serviceConfiguration(pathStyle).build();
             S3Client direct = S3Client.builder().endpointOverride(URI.create(s3.endpoint()))
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(credentials))
                .serviceConfiguration(pathStyle)
                // As media-service's own client: S3-compatible stores refuse the SDK's default checksum headers.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .build()) {
            String url = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(15))
                    .putObjectRequest(r -> r.bucket(LocalS3.BUCKET).key(key).contentType("image/jpeg")
                            .contentLength((long) body.length).ifNoneMatch("*"))).url().toString();
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "image/jpeg")
                    .header("If-None-Match", "*");
            int first = http.send(put.PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            assertEquals(200, first);
            assertArrayEquals(body, direct.getObjectAsBytes(r -> r.bucket(LocalS3.BUCKET).key(key)).asByteArray());

            // The condition reaches the store and its refusal comes back: the URL writes once.
            int second = http.send(put.PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[body.length])).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            assertEquals(412, second);
            assertArrayEquals(body, direct.getObjectAsBytes(r -> r.bucket(LocalS3.BUCKET).key(key)).asByteArray());

            int anonymous = http.send(HttpRequest.newBuilder(URI.create(origin + "/" + LocalS3.BUCKET + "/" + key))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            assertEquals(403, anonymous, "the store serves nothing without a signature");
        }
    }
}
