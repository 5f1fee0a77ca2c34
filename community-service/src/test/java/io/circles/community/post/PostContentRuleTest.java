package io.circles.community.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;

import io.circles.platform.problem.Problem;
import org.junit.jupiter.api.Test;

class PostContentRuleTest {

    private static final MediaItem IMAGE = new MediaItem(MediaItem.MediaType.IMAGE, "https://cdn.example/a.jpg", 10,
            10, null, null);
    private static final MediaItem VIDEO = new MediaItem(MediaItem.MediaType.VIDEO, "https://cdn.example/v.mp4", null,
            null, 900, "https://cdn.example/v.jpg");

    @Test
    void textOnlyNineImagesOrOneVideoAreValid() {
        assertTrue(PostContentRule.violations("hello", null).isEmpty());
        assertTrue(PostContentRule.violations(null, Collections.nCopies(9, IMAGE)).isEmpty());
        assertTrue(PostContentRule.violations("", List.of(VIDEO)).isEmpty());
        assertTrue(PostContentRule.violations("x".repeat(5000), List.of()).isEmpty());
    }

    @Test
    void aPostNeedsTextOrMedia() {
        assertEquals(List.of("text"), fields(PostContentRule.violations("  ", List.of())));
    }

    @Test
    void tooMuchTextTenImagesMixedMediaAndTwoVideosAreInvalid() {
        assertEquals(List.of("text"), fields(PostContentRule.violations("x".repeat(5001), null)));
        assertEquals(List.of("media"), fields(PostContentRule.violations(null, Collections.nCopies(10, IMAGE))));
        assertEquals(List.of("media"), fields(PostContentRule.violations(null, List.of(IMAGE, VIDEO))));
        assertEquals(List.of("media"), fields(PostContentRule.violations(null, List.of(VIDEO, VIDEO))));
    }

    @Test
    void mediaFieldsAreCheckedPerType() {
        MediaItem http = new MediaItem(MediaItem.MediaType.IMAGE, "http://cdn.example/a.jpg", 10, 10, null, null);
        MediaItem noSize = new MediaItem(MediaItem.MediaType.IMAGE, "https://cdn.example/a.jpg", null, 0, null, null);
        MediaItem longVideo = new MediaItem(MediaItem.MediaType.VIDEO, "https://cdn.example/v.mp4", null, null, 901,
                "javascript:alert(1)");
        assertEquals(List.of("media[0].url"), fields(PostContentRule.violations(null, List.of(http))));
        assertEquals(List.of("media[0].width", "media[0].height"),
                fields(PostContentRule.violations(null, List.of(noSize))));
        assertEquals(List.of("media[0].durationSec", "media[0].coverUrl"),
                fields(PostContentRule.violations(null, List.of(longVideo))));
    }

    private static List<String> fields(List<Problem.FieldError> errors) {
        return errors.stream().map(Problem.FieldError::field).toList();
    }
}
