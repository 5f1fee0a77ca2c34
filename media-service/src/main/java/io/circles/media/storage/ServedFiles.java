package io.circles.media.storage;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import io.circles.media.MediaConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Names of served objects and their URLs. A served name is 128 random bits plus an extension, so a URL cannot be
 * derived from a media id or guessed; it never changes, so clients and caches keep it for a year.
 */
@ApplicationScoped
public class ServedFiles {

    /** The path clients fetch served objects under, on the gateway's origin. */
    public static final String PATH = "/api/media/files/";
    private static final String PREFIX = "m/";
    private static final Pattern NAME = Pattern.compile("[0-9a-f]{32}(-thumb)?\\.(jpg|png|webp|mp4)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String origin;

    ServedFiles(MediaConfig config) {
        this.origin = config.publicUrl().map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).orElse("");
    }

    /** A fresh random token for one media's served objects. */
    public static String newToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static String objectKey(String token, String extension) {
        return PREFIX + token + "." + extension;
    }

    public static String thumbnailKey(String token, String extension) {
        return PREFIX + token + "-thumb." + extension;
    }

    /** The URL clients load an object from. */
    public String url(String objectKey) {
        return objectKey == null ? null : origin + PATH + objectKey.substring(PREFIX.length());
    }

    /** The object key behind a served name, or empty when the name is not one we hand out. */
    public static Optional<String> keyOfName(String name) {
        return name != null && NAME.matcher(name).matches() ? Optional.of(PREFIX + name) : Optional.empty();
    }

    /** The object key behind a served URL found in a post (absolute or origin-relative), if it is one of ours. */
    public static Optional<String> keyOfUrl(String url) {
        if (url == null) {
            return Optional.empty();
        }
        int at = url.indexOf(PATH);
        return at < 0 ? Optional.empty() : keyOfName(url.substring(at + PATH.length()));
    }
}
