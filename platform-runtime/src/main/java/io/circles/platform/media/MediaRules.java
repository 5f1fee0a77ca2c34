package io.circles.platform.media;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

import io.circles.platform.problem.Problem;
import io.circles.platform.problem.ProblemException;

/**
 * What every post on the platform (community or merchant) may carry: text up to {@value #MAX_TEXT} characters
 * and/or media that is either up to {@value #MAX_IMAGES} images or exactly one video of at most
 * {@value #MAX_VIDEO_SECONDS} seconds, never mixed; https URLs only, so clients never load mixed content.
 */
public final class MediaRules {

    public static final String IMAGE = "IMAGE";
    public static final String VIDEO = "VIDEO";
    public static final int MAX_TEXT = 5000;
    public static final int MAX_IMAGES = 9;
    public static final int MAX_VIDEO_SECONDS = 900;
    public static final int MAX_DIMENSION = 20_000;
    public static final int MAX_URL_LENGTH = 2048;

    private MediaRules() {
    }

    /** Every rule a post's text and media break, with the field each concerns; empty when the post is valid. */
    public static List<Problem.FieldError> postViolations(String text, List<MediaItem> media) {
        List<Problem.FieldError> errors = new ArrayList<>();
        boolean hasText = text != null && !text.isBlank();
        boolean hasMedia = media != null && !media.isEmpty();
        if (!hasText && !hasMedia) {
            errors.add(new Problem.FieldError("text", "a post needs text or media"));
        }
        if (text != null && text.length() > MAX_TEXT) {
            errors.add(new Problem.FieldError("text", "size must be at most " + MAX_TEXT));
        }
        errors.addAll(violations(media));
        return errors;
    }

    /** Throws a 400 problem listing every rule the post breaks. */
    public static void checkPost(String text, List<MediaItem> media) {
        List<Problem.FieldError> errors = postViolations(text, media);
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "Invalid request",
                    errors.get(0).field() + ": " + errors.get(0).message(), errors);
        }
    }

    /** Every rule {@code media} breaks, with paths such as {@code media[2].url}; empty when acceptable. */
    public static List<Problem.FieldError> violations(List<MediaItem> media) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (media == null || media.isEmpty()) {
            return errors;
        }
        long videos = media.stream().filter(m -> m != null && VIDEO.equals(m.type())).count();
        if (videos > 0 && media.size() > 1) {
            errors.add(new Problem.FieldError("media", "a video post carries exactly one video and nothing else"));
        } else if (media.size() > MAX_IMAGES) {
            errors.add(new Problem.FieldError("media", "at most " + MAX_IMAGES + " images"));
        }
        for (int i = 0; i < media.size(); i++) {
            MediaItem item = media.get(i);
            String at = "media[" + i + "]";
            if (item == null) {
                errors.add(new Problem.FieldError(at, "must not be null"));
            } else if (item.isUpload()) {
                errors.add(new Problem.FieldError(at + ".mediaId", "uploads are not accepted here: give the url"));
            } else if (IMAGE.equals(item.type())) {
                checkUrl(errors, at + ".url", item.url());
                checkRange(errors, at + ".width", item.width(), MAX_DIMENSION);
                checkRange(errors, at + ".height", item.height(), MAX_DIMENSION);
                if (item.durationSec() != null || item.coverUrl() != null) {
                    errors.add(new Problem.FieldError(at, "an image has no durationSec or coverUrl"));
                }
            } else if (VIDEO.equals(item.type())) {
                checkUrl(errors, at + ".url", item.url());
                checkRange(errors, at + ".durationSec", item.durationSec(), MAX_VIDEO_SECONDS);
                checkUrl(errors, at + ".coverUrl", item.coverUrl());
            } else {
                errors.add(new Problem.FieldError(at + ".type", "must be " + IMAGE + " or " + VIDEO));
            }
        }
        return errors;
    }

    /**
     * Where media-service serves uploads on the platform's own origin: such URLs are origin-relative when no public
     * origin is configured (local runs), and carry no mixed content since they share the page's origin.
     */
    public static final String SERVED_PATH = "/api/media/files/";

    /**
     * True for an absolute https URL with a host, or a path of media served on the platform's origin
     * ({@value #SERVED_PATH}), of at most {@value #MAX_URL_LENGTH} characters.
     */
    public static boolean isHttps(String url) {
        if (url == null || url.length() > MAX_URL_LENGTH) {
            return false;
        }
        if (url.startsWith(SERVED_PATH) && url.indexOf("..") < 0 && url.indexOf('?') < 0) {
            return true;
        }
        try {
            URI uri = new URI(url);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && !uri.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void checkUrl(List<Problem.FieldError> errors, String field, String url) {
        if (url == null || url.isBlank()) {
            errors.add(new Problem.FieldError(field, "must not be blank"));
        } else if (!isHttps(url)) {
            errors.add(new Problem.FieldError(field, "must be an https URL"));
        }
    }

    private static void checkRange(List<Problem.FieldError> errors, String field, Integer value, int max) {
        if (value == null) {
            errors.add(new Problem.FieldError(field, "must not be null"));
        } else if (value < 1 || value > max) {
            errors.add(new Problem.FieldError(field, "must be between 1 and " + max));
        }
    }
}
