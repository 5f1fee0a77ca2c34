package io.circles.media.inspect;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * An MP4's duration read from its own header: the {@code mvhd} box inside {@code moov} holds a timescale (ticks per
 * second) and a duration in those ticks (ISO/IEC 14496-12, 8.2.2). Reading these two numbers ourselves takes a few
 * ranged reads of the stored object, wherever {@code moov} sits (start or end), and never loads the media data, which
 * a general MP4 library would parse or map for no gain here.
 */
public final class Mp4Duration {

    /** A moov box larger than this is not a short video's (its sample tables would describe hours). */
    static final int MAX_MOOV_BYTES = 32 * 1024 * 1024;
    /** More top-level boxes than a real file has: a crafted file of tiny boxes must not keep us reading. */
    private static final int MAX_TOP_LEVEL_BOXES = 64;

    /** Reads length bytes at offset of the object (fewer at its end). */
    @FunctionalInterface
    public interface Ranges {
        byte[] read(long offset, int length);
    }

    private Mp4Duration() {
    }

    /** The duration in seconds, rounded up (a 0.4 s clip lasts 1 s); refused when the file has no usable header. */
    public static int seconds(Ranges object, long size) throws Refused {
        long offset = 0;
        for (int boxes = 0; offset + 8 <= size && boxes < MAX_TOP_LEVEL_BOXES; boxes++) {
            ByteBuffer header = ByteBuffer.wrap(object.read(offset, 16));
            if (header.remaining() < 8) {
                break;
            }
            long boxSize = Integer.toUnsignedLong(header.getInt());
            String type = type(header);
            int headerSize = 8;
            if (boxSize == 1) {
                if (header.remaining() < 8) {
                    throw new Refused("the MP4 box at " + offset + " is cut short");
                }
                boxSize = header.getLong();
                headerSize = 16;
            } else if (boxSize == 0) {
                boxSize = size - offset;
            }
            if (boxSize < headerSize || offset + boxSize > size) {
                throw new Refused("the MP4 box '" + type + "' at " + offset + " has an impossible size");
            }
            if (boxes == 0 && !type.equals("ftyp")) {
                throw new Refused("not an MP4 file: it does not start with an ftyp box");
            }
            if (type.equals("moov")) {
                long bodySize = boxSize - headerSize;
                if (bodySize > MAX_MOOV_BYTES) {
                    throw new Refused("the MP4 header (moov) is larger than " + MAX_MOOV_BYTES + " bytes");
                }
                return fromMoov(ByteBuffer.wrap(object.read(offset + headerSize, (int) bodySize)));
            }
            offset += boxSize;
        }
        throw new Refused("the MP4 file has no moov box, so no duration");
    }

    private static int fromMoov(ByteBuffer moov) throws Refused {
        while (moov.remaining() >= 8) {
            int start = moov.position();
            long boxSize = Integer.toUnsignedLong(moov.getInt());
            String type = type(moov);
            if (boxSize < 8 || start + boxSize > moov.limit()) {
                break;
            }
            if (type.equals("mvhd")) {
                return fromMvhd(moov.slice(start + 8, (int) boxSize - 8));
            }
            moov.position(start + (int) boxSize);
        }
        throw new Refused("the MP4 header has no mvhd box, so no duration");
    }

    private static int fromMvhd(ByteBuffer mvhd) throws Refused {
        if (mvhd.remaining() < 4) {
            throw new Refused("the MP4 mvhd box is cut short");
        }
        int version = mvhd.get() & 0xff;
        mvhd.position(4);
        long timescale;
        long duration;
        if (version == 1 && mvhd.remaining() >= 28) {
            mvhd.position(4 + 16);
            timescale = Integer.toUnsignedLong(mvhd.getInt());
            duration = mvhd.getLong();
        } else if (version == 0 && mvhd.remaining() >= 16) {
            mvhd.position(4 + 8);
            timescale = Integer.toUnsignedLong(mvhd.getInt());
            duration = Integer.toUnsignedLong(mvhd.getInt());
        } else {
            throw new Refused("the MP4 mvhd box has an unknown version " + version + " or is cut short");
        }
        if (timescale == 0 || duration < 0 || duration == 0xFFFFFFFFL || duration == -1L) {
            throw new Refused("the MP4 header does not state a duration");
        }
        long seconds = (duration + timescale - 1) / timescale;
        return (int) Math.min(seconds, Integer.MAX_VALUE);
    }

    private static String type(ByteBuffer buffer) {
        byte[] type = new byte[4];
        buffer.get(type);
        return new String(type, StandardCharsets.ISO_8859_1);
    }
}
