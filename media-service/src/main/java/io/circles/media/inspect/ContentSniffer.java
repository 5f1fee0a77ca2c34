package io.circles.media.inspect;

import org.apache.tika.Tika;

/** The real type of stored bytes, from their magic numbers (Apache Tika), never from a name or a declared type. */
public final class ContentSniffer {

    /** Enough of the file for every signature we accept (JPEG, PNG, WebP, MP4 all sign in their first bytes). */
    public static final int PREFIX_BYTES = 64 * 1024;

    private static final Tika TIKA = new Tika();

    private ContentSniffer() {
    }

    /** The detected media type, e.g. {@code image/jpeg}; {@code application/octet-stream} when unknown. */
    public static String detect(byte[] prefix) {
        return TIKA.detect(prefix);
    }
}
