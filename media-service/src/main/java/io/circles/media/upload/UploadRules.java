package io.circles.media.upload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.circles.platform.media.MediaRules;
import io.circles.platform.problem.Problem;

/**
 * What may be uploaded: JPEG, PNG and WebP images up to {@value #MAX_IMAGE_BYTES} bytes and
 * {@value #MAX_IMAGE_PIXELS} pixels, MP4 videos up to {@value #MAX_VIDEO_BYTES} bytes and
 * {@value MediaRules#MAX_VIDEO_SECONDS} seconds. The same limits are checked twice: against what the client declares
 * (so no URL is signed for more) and against the bytes that arrived.
 */
public final class UploadRules {

    public static final long MAX_IMAGE_BYTES = 20L * 1024 * 1024;
    public static final long MAX_VIDEO_BYTES = 200L * 1024 * 1024;
    /** 50 megapixels: above any phone camera, and a decoded 50 MP image (200 MB of ARGB) still fits a worker's heap. */
    public static final long MAX_IMAGE_PIXELS = 50_000_000L;
    /** Longest side of a thumbnail: a full-width card on a phone at 2x density. */
    public static final int THUMBNAIL_SIDE = 640;

    /** Content type to the file extension of served objects. */
    public static final Map<String, String> IMAGE_TYPES = Map.of(
            "image/jpeg", "jpg",
            "image/png", "png",
            "image/webp", "webp");
    public static final Map<String, String> VIDEO_TYPES = Map.of("video/mp4", "mp4");

    private UploadRules() {
    }

    /** Every rule a declared upload breaks; empty when a URL may be signed for it. */
    public static List<Problem.FieldError> violations(String type, String contentType, Long sizeBytes) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, String> allowed;
        long maxBytes;
        if (MediaRules.IMAGE.equals(type)) {
            allowed = IMAGE_TYPES;
            maxBytes = MAX_IMAGE_BYTES;
        } else if (MediaRules.VIDEO.equals(type)) {
            allowed = VIDEO_TYPES;
            maxBytes = MAX_VIDEO_BYTES;
        } else {
            errors.add(new Problem.FieldError("type", "must be " + MediaRules.IMAGE + " or " + MediaRules.VIDEO));
            return errors;
        }
        if (contentType == null || !allowed.containsKey(contentType)) {
            errors.add(new Problem.FieldError("contentType", "must be one of " + String.join(", ",
                    allowed.keySet().stream().sorted().toList()) + " for " + type));
        }
        if (sizeBytes == null || sizeBytes < 1 || sizeBytes > maxBytes) {
            errors.add(new Problem.FieldError("sizeBytes", "must be between 1 and " + maxBytes + " for " + type));
        }
        return errors;
    }

    /** The extension of served objects of this content type. */
    public static String extension(String contentType) {
        String ext = IMAGE_TYPES.get(contentType);
        return ext != null ? ext : VIDEO_TYPES.getOrDefault(contentType, "bin");
    }

    /** The thumbnail size for an image: the longest side at most {@value #THUMBNAIL_SIDE}, never enlarged. */
    public static int[] thumbnailSize(int width, int height) {
        int longest = Math.max(width, height);
        if (longest <= THUMBNAIL_SIDE) {
            return new int[] {width, height};
        }
        double scale = (double) THUMBNAIL_SIDE / longest;
        return new int[] {Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int) Math.round(height * scale))};
    }
}
