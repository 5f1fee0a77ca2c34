package io.circles.platform.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import io.circles.events.Media;
import io.circles.platform.problem.Problem;
import io.circles.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class MediaRulesTest {

    private static final MediaItem IMAGE = image("https://cdn.example/a.jpg");
    private static final MediaItem VIDEO = new MediaItem("VIDEO", "https://cdn.example/v.mp4", null, null, 900,
            "https://cdn.example/v.jpg");

    @Test
    void textOnlyNineImagesOrOneVideoAreValidPosts() {
        assertTrue(MediaRules.postViolations("hello", null).isEmpty());
        assertTrue(MediaRules.postViolations(null, Collections.nCopies(9, IMAGE)).isEmpty());
        assertTrue(MediaRules.postViolations("", List.of(VIDEO)).isEmpty());
        assertTrue(MediaRules.postViolations("x".repeat(5000), List.of()).isEmpty());
    }

    @Test
    void noMediaIsAcceptableMedia() {
        assertTrue(MediaRules.violations(List.of()).isEmpty());
        assertTrue(MediaRules.violations(null).isEmpty());
    }

    @Test
    void aPostNeedsTextOrMedia() {
        assertEquals(List.of("text"), fields(MediaRules.postViolations("  ", List.of())));
        assertEquals(List.of("text"), fields(MediaRules.postViolations(null, null)));
    }

    @Test
    void tooMuchTextIsInvalid() {
        assertEquals(List.of("text"), fields(MediaRules.postViolations("x".repeat(5001), null)));
    }

    @Test
    void tenImagesAreTooMany() {
        List<MediaItem> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(image("https://cdn.example.com/" + i + ".jpg"));
        }
        assertEquals(List.of("media"), fields(MediaRules.violations(ten)));
    }

    @Test
    void oneVideoIsFineButNeverMixedOrDoubled() {
        assertTrue(MediaRules.violations(List.of(VIDEO)).isEmpty());
        assertEquals(List.of("media"), fields(MediaRules.violations(List.of(IMAGE, VIDEO))));
        assertEquals(List.of("media"), fields(MediaRules.violations(List.of(VIDEO, IMAGE))));
        assertEquals(List.of("media"), fields(MediaRules.violations(List.of(VIDEO, VIDEO))));
    }

    @Test
    void onlyHttpsUrlsAreAccepted() {
        assertEquals(List.of("media[0].url"), fields(MediaRules.violations(List.of(image("http://a.example/x.jpg")))));
        assertEquals(List.of("media[0].url"), fields(MediaRules.violations(List.of(image("javascript:alert(1)")))));
        assertEquals(List.of("media[0].url"), fields(MediaRules.violations(List.of(image(null)))));
        assertEquals(List.of("media[1].url"), fields(MediaRules.violations(List.of(IMAGE, image("ftp://a/x")))));
        assertEquals(List.of("media[0].coverUrl"), fields(MediaRules.violations(List.of(
                new MediaItem("VIDEO", "https://a.example/v.mp4", null, null, 10, "ftp://a.example/c.jpg")))));
        assertTrue(MediaRules.isHttps("HTTPS://a.example/x.jpg"));
        assertFalse(MediaRules.isHttps("https:///x.jpg"));
        assertFalse(MediaRules.isHttps("https://a.example/" + "x".repeat(MediaRules.MAX_URL_LENGTH)));
    }

    @Test
    void aUrlOfExactlyTheMaximumLengthIsAccepted() {
        String prefix = "https://a.example/";
        assertTrue(MediaRules.isHttps(prefix + "x".repeat(2048 - prefix.length())));
        assertFalse(MediaRules.isHttps(prefix + "x".repeat(2049 - prefix.length())));
    }

    @Test
    void aUrlThatDoesNotParseIsNotHttps() {
        assertFalse(MediaRules.isHttps("https://a example/x.jpg"));
        assertEquals(List.of("media[0].url"), fields(MediaRules.violations(List.of(image("https://a b/x.jpg")))));
    }

    @Test
    void aVideosOwnUrlMustBeHttpsToo() {
        assertEquals(List.of("media[0].url"), fields(MediaRules.violations(List.of(
                new MediaItem("VIDEO", "http://a.example/v.mp4", null, null, 10, "https://a.example/c.jpg")))));
    }

    @Test
    void imageDimensionsAreRequiredAndBounded() {
        assertEquals(List.of("media[0].width", "media[0].height"), fields(MediaRules.violations(List.of(
                new MediaItem("IMAGE", "https://cdn.example/a.jpg", null, 0, null, null)))));
        assertEquals(List.of("media[0].width"), fields(MediaRules.violations(List.of(
                new MediaItem("IMAGE", "https://cdn.example/a.jpg", 20_001, 600, null, null)))));
        assertEquals(List.of("media[0]"), fields(MediaRules.violations(List.of(
                new MediaItem("IMAGE", "https://cdn.example/a.jpg", 1, 1, 5, null)))));
    }

    @Test
    void aVideoIsAtMostFifteenMinutesWithAnHttpsCover() {
        assertEquals(List.of("media[0].durationSec", "media[0].coverUrl"), fields(MediaRules.violations(List.of(
                new MediaItem("VIDEO", "https://cdn.example/v.mp4", null, null, 901, "javascript:alert(1)")))));
        assertEquals(List.of("media[0].durationSec"), fields(MediaRules.violations(List.of(
                new MediaItem("VIDEO", "https://a.example/v.mp4", null, null, null, "https://a.example/c.jpg")))));
    }

    @Test
    void anUnknownTypeOrMissingItemIsAFieldError() {
        assertEquals(List.of("media[0].type"), fields(MediaRules.violations(List.of(
                new MediaItem("GIF", "https://a.example/x.gif", 1, 1, null, null)))));
        assertEquals(List.of("media[0].type"), fields(MediaRules.violations(List.of(
                new MediaItem(null, "https://a.example/x.gif", 1, 1, null, null)))));
        assertEquals(List.of("media[1]"), fields(MediaRules.violations(Arrays.asList(IMAGE, null))));
    }

    @Test
    void checkPostThrowsA400ListingEveryError() {
        ProblemException problem = assertThrows(ProblemException.class,
                () -> MediaRules.checkPost("x".repeat(5001), List.of(image("http://a.example/x.jpg"))));
        assertEquals(400, problem.status());
        assertEquals(List.of("text", "media[0].url"), fields(problem.toProblem().errors()));
    }

    @Test
    void toMediaKeepsOnlyTheFieldsOfItsType() {
        assertEquals(new Media("IMAGE", "https://cdn.example/a.jpg", 10, 10, null, null), IMAGE.toMedia());
        assertEquals(new Media("VIDEO", "https://cdn.example/v.mp4", null, null, 900, "https://cdn.example/v.jpg"),
                new MediaItem("VIDEO", "https://cdn.example/v.mp4", 1, 1, 900, "https://cdn.example/v.jpg")
                        .toMedia());
        assertEquals(IMAGE, MediaItem.of(IMAGE.toMedia()));
    }

    @Test
    void mediaServedOnThePlatformsOriginIsAcceptedWithoutAScheme() {
        assertTrue(MediaRules.violations(List.of(image("/api/media/files/0a1b.jpg"))).isEmpty());
        assertEquals(List.of("media[0].url"), fields(MediaRules.violations(List.of(image("/api/media/../q/health")))));
        assertEquals(List.of("media[0].url"), fields(MediaRules.violations(List.of(image("/elsewhere/a.jpg")))));
    }

    @Test
    void anUploadMustBeResolvedBeforeTheRulesApply() {
        MediaItem upload = new MediaItem(null, null, null, null, null, null, "m-1", null);
        assertEquals(List.of("media[0].mediaId"), fields(MediaRules.violations(List.of(upload))));
    }

    private static MediaItem image(String url) {
        return new MediaItem("IMAGE", url, 10, 10, null, null);
    }

    private static List<String> fields(List<Problem.FieldError> errors) {
        return errors.stream().map(Problem.FieldError::field).toList();
    }
}
