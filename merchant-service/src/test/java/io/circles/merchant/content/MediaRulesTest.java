package io.circles.merchant.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import io.circles.events.Media;
import io.circles.platform.problem.Problem;
import org.junit.jupiter.api.Test;

class MediaRulesTest {

    private static Media image(String url) {
        return new Media("IMAGE", url, 800, 600, null, null);
    }

    private static Media video() {
        return new Media("VIDEO", "https://cdn.example.com/v.mp4", null, null, 30, "https://cdn.example.com/c.jpg");
    }

    private static List<String> fields(List<Problem.FieldError> errors) {
        return errors.stream().map(Problem.FieldError::field).toList();
    }

    @Test
    void upToNineImagesAreFine() {
        List<Media> nine = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            nine.add(image("https://cdn.example.com/" + i + ".jpg"));
        }
        assertTrue(MediaRules.violations(nine).isEmpty());
        assertTrue(MediaRules.violations(List.of()).isEmpty());
        assertTrue(MediaRules.violations(null).isEmpty());
    }

    @Test
    void tenImagesAreTooMany() {
        List<Media> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(image("https://cdn.example.com/" + i + ".jpg"));
        }
        assertEquals(List.of("media"), fields(MediaRules.violations(ten)));
    }

    @Test
    void oneVideoIsFineButNeverMixedOrDoubled() {
        assertTrue(MediaRules.violations(List.of(video())).isEmpty());
        assertEquals(List.of("media"),
                fields(MediaRules.violations(List.of(video(), image("https://a.example/x.jpg")))));
        assertEquals(List.of("media"), fields(MediaRules.violations(List.of(video(), video()))));
    }

    @Test
    void onlyHttpsUrlsAreAccepted() {
        assertEquals(List.of("media[0].url"), fields(MediaRules.violations(List.of(image("http://a.example/x.jpg")))));
        assertEquals(List.of("media[0].url"), fields(MediaRules.violations(List.of(image("javascript:alert(1)")))));
        assertEquals(List.of("media[0].coverUrl"), fields(MediaRules.violations(List.of(
                new Media("VIDEO", "https://a.example/v.mp4", null, null, 10, "ftp://a.example/c.jpg")))));
    }

    @Test
    void dimensionsDurationAndTypeAreChecked() {
        assertEquals(List.of("media[0].width"), fields(MediaRules.violations(List.of(
                new Media("IMAGE", "https://a.example/x.jpg", 0, 600, null, null)))));
        assertEquals(List.of("media[0].durationSec"), fields(MediaRules.violations(List.of(
                new Media("VIDEO", "https://a.example/v.mp4", null, null, null, "https://a.example/c.jpg")))));
        assertEquals(List.of("media[0].type"), fields(MediaRules.violations(List.of(
                new Media("GIF", "https://a.example/x.gif", 1, 1, null, null)))));
    }
}
