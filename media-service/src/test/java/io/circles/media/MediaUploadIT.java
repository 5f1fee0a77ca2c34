package io.circles.media;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import io.circles.events.Topics;
import io.circles.events.media.MediaReady;
import io.circles.local.LocalS3;
import io.circles.media.storage.ObjectStorage;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.ReceivedEvent;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "media"),
        @ResourceArg(name = "objectStorage", value = "true")})
class MediaUploadIT {

    @Inject
    ObjectStorage storage;

    @Test
    void aJpegCarryingGpsComesBackWithoutItAndWithAThumbnail() throws Exception {
        String user = Tokens.newUserId("alice");
        byte[] original = TestFiles.jpegWithGps(1600, 1200);
        assertNotNull(ImageMetadataReader.readMetadata(new ByteArrayInputStream(original))
                .getFirstDirectoryOfType(GpsDirectory.class), "the fixture itself carries GPS");

        try (KafkaProbe probe = KafkaProbe.on(Topics.MEDIA_EVENTS)) {
            String id = Uploads.upload(user, "IMAGE", "image/jpeg", original);
            Response ready = Uploads.complete(user, id).then().statusCode(200)
                    .body("status", equalTo("READY"))
                    .body("type", equalTo("IMAGE"))
                    .body("width", equalTo(1600))
                    .body("height", equalTo(1200))
                    .body("durationSec", nullValue())
                    .body("url", startsWith("/api/media/files/"))
                    .extract().response();

            byte[] served = Uploads.fetch(ready.path("url")).then().statusCode(200)
                    .header("Cache-Control", "public, max-age=31536000, immutable")
                    .contentType("image/jpeg")
                    .extract().asByteArray();
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(served));
            assertNull(metadata.getFirstDirectoryOfType(GpsDirectory.class), "GPS left the platform");
            assertNull(metadata.getFirstDirectoryOfType(ExifIFD0Directory.class), "EXIF left the platform");
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(served));
            assertEquals(1600, image.getWidth());

            byte[] thumbnail = Uploads.fetch(ready.path("thumbnailUrl")).then().statusCode(200)
                    .extract().asByteArray();
            BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(thumbnail));
            assertEquals(640, thumb.getWidth());
            assertEquals(480, thumb.getHeight());

            ReceivedEvent event = probe.await(MediaReady.TYPE, id).assertMatchesSchema();
            assertEquals(user, event.json().get("ownerId").asText());
            assertEquals((String) ready.path("url"), event.json().get("url").asText());
        }
    }

    @Test
    void pngAndWebpAreAccepted() {
        String user = Tokens.newUserId("bob");
        String png = Uploads.upload(user, "IMAGE", "image/png", TestFiles.png(800, 600));
        Uploads.complete(user, png).then().statusCode(200).body("status", equalTo("READY"))
                .body("contentType", equalTo("image/png")).body("width", equalTo(800));
        String webp = Uploads.upload(user, "IMAGE", "image/webp", TestFiles.webp(1280, 720));
        String url = Uploads.complete(user, webp).then().statusCode(200).body("status", equalTo("READY"))
                .body("contentType", equalTo("image/webp")).body("height", equalTo(720))
                .extract().path("thumbnailUrl");
        Uploads.fetch(url).then().statusCode(200).contentType("image/webp");
    }

    @Test
    void aTinyMp4IsAcceptedWithItsDuration() {
        String user = Tokens.newUserId("carol");
        String id = Uploads.upload(user, "VIDEO", "video/mp4", TestFiles.mp4(600, 600 * 42L, true));
        String url = Uploads.complete(user, id).then().statusCode(200)
                .body("status", equalTo("READY"))
                .body("type", equalTo("VIDEO"))
                .body("durationSec", equalTo(42))
                .extract().path("url");
        Uploads.fetch(url).then().statusCode(200).contentType("video/mp4");
    }

    @Test
    void aVideoLongerThanFifteenMinutesIsRefused() {
        String user = Tokens.newUserId("dave");
        String id = Uploads.upload(user, "VIDEO", "video/mp4", TestFiles.mp4(1000, 901_000L, false));
        Uploads.complete(user, id).then().statusCode(422).contentType("application/problem+json");
    }

    @Test
    void aTextFileNamedJpgIsRefusedAndDeleted() {
        String user = Tokens.newUserId("eve");
        byte[] text = "this is not a picture, whatever its name says".getBytes();
        Response ticket = Uploads.create(user, "IMAGE", "image/jpeg", text.length).then().statusCode(201)
                .extract().response();
        String id = ticket.path("id");
        Map<String, String> headers = ticket.path("uploadHeaders");
        assertEquals(200, Uploads.put(ticket.path("uploadUrl"), headers, text));
        assertEquals(Optional.of((long) text.length), storage.size("u/" + id));

        Uploads.complete(user, id).then().statusCode(422).contentType("application/problem+json")
                .body("detail", startsWith("the file is text/plain"));
        assertEquals(Optional.of(0L), storage.size("u/" + id), "the refused bytes are gone, the key stays taken");
        assertEquals(412, Uploads.put(ticket.path("uploadUrl"), headers, text), "the URL was spent");
    }

    @Test
    void aDecompressionBombIsRefusedBeforeDecoding() {
        String user = Tokens.newUserId("mallory");
        String id = Uploads.upload(user, "IMAGE", "image/png", TestFiles.pngBomb());
        Uploads.complete(user, id).then().statusCode(422)
                .body("detail", startsWith("the image is 100000x100000 pixels"));
        // The service still works: it did not run out of memory.
        String fine = Uploads.upload(user, "IMAGE", "image/png", TestFiles.png(10, 10));
        Uploads.complete(user, fine).then().statusCode(200);
    }

    @Test
    void theSignedUrlHoldsOnlyForTheDeclaredTypeAndLength() {
        String user = Tokens.newUserId("frank");
        byte[] png = TestFiles.png(20, 20);
        Response ticket = Uploads.create(user, "IMAGE", "image/png", png.length).then().statusCode(201)
                .body("uploadMethod", equalTo("PUT"))
                .body("uploadHeaders['Content-Type']", equalTo("image/png"))
                .body("expiresAt", notNullValue())
                .extract().response();
        String url = ticket.path("uploadUrl");
        Map<String, String> signed = ticket.path("uploadHeaders");
        Map<String, String> otherType = new HashMap<>(signed);
        otherType.put("Content-Type", "text/html");
        assertEquals(403, Uploads.put(url, otherType, png), "another type");
        assertEquals(403, Uploads.put(url, signed, TestFiles.png(40, 40)), "another length");
        assertEquals(200, Uploads.put(url, signed, png));
    }

    @Test
    void theSignedUrlWritesOnceAndTheStoreRefusesItAfterwards() {
        String user = Tokens.newUserId("oscar");
        byte[] png = TestFiles.png(20, 20);
        byte[] other = new byte[png.length];
        Response ticket = Uploads.create(user, "IMAGE", "image/png", png.length).then().statusCode(201)
                .body("uploadHeaders['If-None-Match']", equalTo("*"))
                .extract().response();
        String id = ticket.path("id");
        String url = ticket.path("uploadUrl");
        Map<String, String> headers = ticket.path("uploadHeaders");
        assertEquals(200, Uploads.put(url, headers, png));

        // Before complete: neither as signed nor without the condition (it is signed, so leaving it out breaks the
        // signature) may the URL replace what was uploaded.
        assertEquals(412, Uploads.put(url, headers, other), "a second PUT as signed");
        assertEquals(403, Uploads.put(url, Map.of("Content-Type", "image/png"), other), "without If-None-Match");
        String served = Uploads.complete(user, id).then().statusCode(200)
                .body("status", equalTo("READY")).body("width", equalTo(20)).body("height", equalTo(20))
                .extract().path("url");
        byte[] stored = Uploads.fetch(served).then().statusCode(200).extract().asByteArray();

        // After complete: the upload key holds an empty object, so the URL still cannot write.
        assertEquals(412, Uploads.put(url, headers, other), "a PUT after complete");
        assertEquals(Optional.of(0L), storage.size("u/" + id));
        io.restassured.RestAssured.given().auth().oauth2(Tokens.forUser(user)).get("/api/media/" + id)
                .then().statusCode(200).body("status", equalTo("READY"))
                .body("width", equalTo(20)).body("height", equalTo(20)).body("url", equalTo(served));
        Uploads.complete(user, id).then().statusCode(200).body("url", equalTo(served));
        assertArrayEquals(stored, Uploads.fetch(served).then().statusCode(200).extract().asByteArray());
    }

    @Test
    void anExpiredUrlIsRefusedByTheStore() throws Exception {
        LocalS3 s3 = PlatformTestResource.objectStorage();
        byte[] png = TestFiles.png(20, 20);
        try (S3Presigner presigner = S3Presigner.builder()
                .endpointOverride(URI.create(s3.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build()) {
            String url = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofSeconds(1))
                    .putObjectRequest(r -> r.bucket(LocalS3.BUCKET).key("u/expired-" + System.nanoTime())
                            .contentType("image/png").contentLength((long) png.length))).url().toString();
            Thread.sleep(2500);
            assertEquals(403, Uploads.put(url, Map.of("Content-Type", "image/png"), png));
        }
    }

    @Test
    void onlyTheUploaderCompletesAndSeesItsMedia() {
        String owner = Tokens.newUserId("grace");
        String other = Tokens.newUserId("heidi");
        String id = Uploads.upload(owner, "IMAGE", "image/png", TestFiles.png(30, 30));
        Uploads.complete(other, id).then().statusCode(404).contentType("application/problem+json");
        Uploads.complete(owner, id).then().statusCode(200);
        Uploads.complete(owner, id).then().statusCode(200).body("status", equalTo("READY"));
        io.restassured.RestAssured.given().auth().oauth2(Tokens.forUser(other)).get("/api/media/" + id)
                .then().statusCode(404);
        io.restassured.RestAssured.given().auth().oauth2(Tokens.forUser(owner)).get("/api/media/" + id)
                .then().statusCode(200).body("status", equalTo("READY"));
    }

    @Test
    void completingWithoutUploadingIsRefused() {
        String user = Tokens.newUserId("ivan");
        String id = Uploads.create(user, "IMAGE", "image/png", 100).then().statusCode(201).extract().path("id");
        Uploads.complete(user, id).then().statusCode(422).body("detail", startsWith("nothing was uploaded"));
    }

    @Test
    void declaredUploadsOutsideTheLimitsAreRefusedWithTheirField() {
        String user = Tokens.newUserId("judy");
        Uploads.create(user, "IMAGE", "image/png", 20L * 1024 * 1024 + 1).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("sizeBytes"));
        Uploads.create(user, "VIDEO", "video/quicktime", 1000).then().statusCode(400)
                .body("errors[0].field", equalTo("contentType"));
        Uploads.create(user, "AUDIO", "audio/mpeg", 1000).then().statusCode(400)
                .body("errors[0].field", equalTo("type"));
    }

    @Test
    void theDailyQuotaAnswers429() {
        String user = Tokens.newUserId("quota");
        for (int i = 0; i < 20; i++) {
            Uploads.create(user, "IMAGE", "image/png", 100).then().statusCode(201);
        }
        Uploads.create(user, "IMAGE", "image/png", 100).then().statusCode(429)
                .contentType("application/problem+json");
        Uploads.create(Tokens.newUserId("other"), "IMAGE", "image/png", 100).then().statusCode(201);
    }
}
