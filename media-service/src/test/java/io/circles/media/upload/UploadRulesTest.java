package io.circles.media.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UploadRulesTest {

    @Test
    void imagesAndVideosWithinTheirTypesAndSizesAreAccepted() {
        assertTrue(UploadRules.violations("IMAGE", "image/jpeg", 20L * 1024 * 1024).isEmpty());
        assertTrue(UploadRules.violations("IMAGE", "image/webp", 1L).isEmpty());
        assertTrue(UploadRules.violations("VIDEO", "video/mp4", 200L * 1024 * 1024).isEmpty());
    }

    @Test
    void eachBrokenRuleNamesItsField() {
        assertEquals("sizeBytes", UploadRules.violations("IMAGE", "image/png", 20L * 1024 * 1024 + 1).get(0).field());
        assertEquals("contentType", UploadRules.violations("IMAGE", "video/mp4", 10L).get(0).field());
        assertEquals("contentType", UploadRules.violations("VIDEO", "image/gif", 10L).get(0).field());
        assertEquals("type", UploadRules.violations("GIF", "image/gif", 10L).get(0).field());
        assertEquals(2, UploadRules.violations("VIDEO", null, null).size());
    }

    @Test
    void servedObjectsTakeTheExtensionOfTheirType() {
        assertEquals("jpg", UploadRules.extension("image/jpeg"));
        assertEquals("png", UploadRules.extension("image/png"));
        assertEquals("webp", UploadRules.extension("image/webp"));
        assertEquals("mp4", UploadRules.extension("video/mp4"));
        assertEquals("bin", UploadRules.extension("application/pdf"));
    }

    @Test
    void thumbnailsKeepTheAspectAndNeverGrow() {
        assertArrayEquals(new int[] {640, 480}, UploadRules.thumbnailSize(4000, 3000));
        assertArrayEquals(new int[] {360, 640}, UploadRules.thumbnailSize(1080, 1920));
        assertArrayEquals(new int[] {300, 200}, UploadRules.thumbnailSize(300, 200));
    }
}
