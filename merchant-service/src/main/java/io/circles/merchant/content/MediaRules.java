package io.circles.merchant.content;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

import io.circles.events.Media;
import io.circles.platform.problem.Problem;

/**
 * The attachment rules every post on the platform follows: up to nine images, or exactly one short video, never
 * both; https URLs only, so clients never load mixed content.
 */
public final class MediaRules {

    public static final int MAX_IMAGES = 9;
    public static final int MAX_VIDEO_SECONDS = 600;
    public static final int MAX_DIMENSION = 20_000;

    private MediaRules() {
    }

    /** Every rule {@code media} breaks, with the field it concerns; empty when the list is acceptable. */
    public static List<Problem.FieldError> violations(List<Media> media) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (media == null || media.isEmpty()) {
            return errors;
        }
        long videos = media.stream().filter(m -> m != null && "VIDEO".equals(m.type())).count();
        if (videos > 0 && media.size() > 1) {
            errors.add(new Problem.FieldError("media", "a video post carries exactly one video and nothing else"));
        }
        if (media.size() > MAX_IMAGES) {
            errors.add(new Problem.FieldError("media", "at most " + MAX_IMAGES + " images"));
        }
        for (int i = 0; i < media.size(); i++) {
            Media item = media.get(i);
            String at = "media[" + i + "]";
            if (item == null) {
                errors.add(new Problem.FieldError(at, "must not be null"));
                continue;
            }
            if (!isHttps(item.url())) {
                errors.add(new Problem.FieldError(at + ".url", "must be an https URL"));
            }
            if ("IMAGE".equals(item.type())) {
                checkRange(errors, at + ".width", item.width(), MAX_DIMENSION);
                checkRange(errors, at + ".height", item.height(), MAX_DIMENSION);
            } else if ("VIDEO".equals(item.type())) {
                checkRange(errors, at + ".durationSec", item.durationSec(), MAX_VIDEO_SECONDS);
                if (!isHttps(item.coverUrl())) {
                    errors.add(new Problem.FieldError(at + ".coverUrl", "must be an https URL"));
                }
            } else {
                errors.add(new Problem.FieldError(at + ".type", "must be IMAGE or VIDEO"));
            }
        }
        return errors;
    }

    /** True for an absolute https URL of reasonable length. */
    public static boolean isHttps(String url) {
        if (url == null || url.length() > 2048 || !url.startsWith("https://")) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return uri.getHost() != null && !uri.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void checkRange(List<Problem.FieldError> errors, String field, Integer value, int max) {
        if (value == null || value < 1 || value > max) {
            errors.add(new Problem.FieldError(field, "must be between 1 and " + max));
        }
    }
}
