package io.circles.media.inspect;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.apache.tika.Tika;

/** The real type of stored bytes, from their magic numbers (Apache Tika), never from a name or a declared type. */
public final class ContentSniffer {

    /** Enough of the file for every signature we accept (JPEG, PNG, WebP, MP4 all sign in their first bytes). */
    public static final int PREFIX_BYTES = 64 * 1024;
    static final String MP4 = "video/mp4";
    /** Tika's answer for any ISO base media file whose brand it does not list (it lists only mp41 and mp42). */
    private static final String ISO_BASE_MEDIA = "video/quicktime";
    /** ftyp brands of MP4 files as phones and encoders write them; "qt  " (QuickTime) is not among them. */
    private static final Set<String> MP4_BRANDS = Set.of("isom", "iso2", "iso4", "iso5", "iso6", "mp41", "mp42",
            "avc1", "M4V ", "dash");

    private static final Tika TIKA = new Tika();

    private ContentSniffer() {
    }

    /** The detected media type, e.g. {@code image/jpeg}; {@code application/octet-stream} when unknown. */
    public static String detect(byte[] prefix) {
        String detected = TIKA.detect(prefix);
        if (ISO_BASE_MEDIA.equals(detected) && hasMp4Brand(prefix)) {
            return MP4;
        }
        return detected;
    }

    /** The ftyp box's major brand (bytes 8-11) is an MP4 brand. */
    private static boolean hasMp4Brand(byte[] prefix) {
        if (prefix.length < 12) {
            return false;
        }
        String box = new String(prefix, 4, 4, StandardCharsets.ISO_8859_1);
        String major = new String(prefix, 8, 4, StandardCharsets.ISO_8859_1);
        return box.equals("ftyp") && MP4_BRANDS.contains(major);
    }
}
