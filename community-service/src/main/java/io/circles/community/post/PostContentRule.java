package io.circles.community.post;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

import io.circles.platform.problem.Problem;
import io.circles.platform.problem.ProblemException;

/**
 * What a post may contain: text up to 5,000 characters and/or media that is either up to 9 images or exactly
 * one video of at most 900 seconds, never mixed; https URLs only; at least text or media.
 */
public final class PostContentRule {

    public static final int MAX_TEXT = 5000;
    public static final int MAX_IMAGES = 9;
    public static final int MAX_VIDEO_SECONDS = 900;
    public static final int MAX_PIXELS = 20_000;

    private PostContentRule() {
    }

    /** Every violation as a field error; empty when the content is valid. */
    public static List<Problem.FieldError> violations(String text, List<MediaItem> media) {
        List<Problem.FieldError> errors = new ArrayList<>();
        boolean hasText = text != null && !text.isBlank();
        boolean hasMedia = media != null && !media.isEmpty();
        if (!hasText && !hasMedia) {
            errors.add(new Problem.FieldError("text", "a post needs text or media"));
        }
        if (text != null && text.length() > MAX_TEXT) {
            errors.add(new Problem.FieldError("text", "size must be at most " + MAX_TEXT));
        }
        if (!hasMedia) {
            return errors;
        }
        long videos = media.stream().filter(m -> m != null && m.type() == MediaItem.MediaType.VIDEO).count();
        if (videos > 0 && media.size() > 1) {
            errors.add(new Problem.FieldError("media", "a video post has exactly one video and no images"));
        }
        if (videos == 0 && media.size() > MAX_IMAGES) {
            errors.add(new Problem.FieldError("media", "at most " + MAX_IMAGES + " images"));
        }
        for (int i = 0; i < media.size(); i++) {
            MediaItem item = media.get(i);
            String at = "media[" + i + "]";
            if (item == null || item.type() == null) {
                errors.add(new Problem.FieldError(at + ".type", "must be IMAGE or VIDEO"));
                continue;
            }
            checkUrl(errors, at + ".url", item.url(), true);
            if (item.type() == MediaItem.MediaType.IMAGE) {
                checkPositive(errors, at + ".width", item.width(), MAX_PIXELS);
                checkPositive(errors, at + ".height", item.height(), MAX_PIXELS);
                if (item.durationSec() != null || item.coverUrl() != null) {
                    errors.add(new Problem.FieldError(at, "an image has no durationSec or coverUrl"));
                }
            } else {
                checkPositive(errors, at + ".durationSec", item.durationSec(), MAX_VIDEO_SECONDS);
                checkUrl(errors, at + ".coverUrl", item.coverUrl(), true);
            }
        }
        return errors;
    }

    /** Throws a 400 listing every violation. */
    public static void check(String text, List<MediaItem> media) {
        List<Problem.FieldError> errors = violations(text, media);
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "Invalid request",
                    errors.get(0).field() + ": " + errors.get(0).message(), errors);
        }
    }

    private static void checkPositive(List<Problem.FieldError> errors, String field, Integer value, int max) {
        if (value == null) {
            errors.add(new Problem.FieldError(field, "must not be null"));
        } else if (value < 1 || value > max) {
            errors.add(new Problem.FieldError(field, "must be between 1 and " + max));
        }
    }

    private static void checkUrl(List<Problem.FieldError> errors, String field, String url, boolean required) {
        if (url == null || url.isBlank()) {
            if (required) {
                errors.add(new Problem.FieldError(field, "must not be blank"));
            }
            return;
        }
        try {
            URI uri = new URI(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                errors.add(new Problem.FieldError(field, "must be an https URL"));
            }
        } catch (URISyntaxException e) {
            errors.add(new Problem.FieldError(field, "must be an https URL"));
        }
    }
}
