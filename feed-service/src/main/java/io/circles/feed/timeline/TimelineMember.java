package io.circles.feed.timeline;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;

/**
 * How an item id is written as a timeline member. Timelines hold hundreds of ids per user, so the id is stored
 * compactly: a UUID in its canonical form (36 characters) becomes the base64url of its 16 bytes (22 characters), which
 * keeps a full 800-entry timeline under 40 bytes per entry in Redis's compact ZSET encoding. Any other id is kept
 * whole behind a {@code ~}, a character base64url never uses, so the two forms cannot be mistaken for each other.
 * A member in neither form is an id written before the compact form and reads as itself until a rebuild.
 * Every writer, reader, remover and the live announcements go through this class: the member is what Redis orders,
 * dedupes and removes by; the id is what cards are keyed by and clients see.
 */
public final class TimelineMember {

    private static final char OTHER = '~';
    private static final int COMPACT_LENGTH = 22;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private TimelineMember() {
    }

    /** The member that stands for {@code itemId} in a timeline. */
    public static String of(String itemId) {
        UUID uuid = canonicalUuid(itemId);
        if (uuid == null) {
            return OTHER + itemId;
        }
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return ENCODER.encodeToString(bytes.array());
    }

    /** The item id a member stands for; the inverse of {@link #of(String)}. */
    public static String itemId(String member) {
        if (!member.isEmpty() && member.charAt(0) == OTHER) {
            return member.substring(1);
        }
        if (member.length() != COMPACT_LENGTH) {
            // A whole id, written before the compact form: still readable until the rebuild rewrites it.
            return member;
        }
        ByteBuffer bytes = ByteBuffer.wrap(DECODER.decode(member));
        return new UUID(bytes.getLong(), bytes.getLong()).toString();
    }

    /** The UUID when {@code id} is one in canonical form (lower case, so it round-trips exactly), else null. */
    private static UUID canonicalUuid(String id) {
        if (id.length() != 36 || id.charAt(8) != '-' || id.charAt(13) != '-' || id.charAt(18) != '-'
                || id.charAt(23) != '-') {
            return null;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!hex && c != '-') {
                return null;
            }
        }
        UUID uuid = UUID.fromString(id);
        return uuid.toString().equals(id) ? uuid : null;
    }
}
