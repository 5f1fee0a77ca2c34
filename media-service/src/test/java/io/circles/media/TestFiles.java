package io.circles.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Real files made in memory: images from pixels, a JPEG carrying GPS EXIF, a tiny MP4, a decompression bomb. */
public final class TestFiles {

    private TestFiles() {
    }

    public static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(40, 120, 200));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.ORANGE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    public static byte[] encode(BufferedImage image, String mimeType) {
        ImageWriter writer = ImageIO.getImageWritersByMIMEType(mimeType).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    public static byte[] png(int width, int height) {
        return encode(picture(width, height), "image/png");
    }

    public static byte[] webp(int width, int height) {
        return encode(picture(width, height), "image/webp");
    }

    /**
     * A JPEG with an EXIF APP1 segment whose GPS IFD puts the camera at 31°14'N 121°28'E, as a phone writes it.
     */
    public static byte[] jpegWithGps(int width, int height) {
        byte[] jpeg = encode(picture(width, height), "image/jpeg");
        ByteBuffer tiff = ByteBuffer.allocate(128);
        tiff.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8);
        // IFD0: one entry, the GPS IFD pointer (0x8825), then no next IFD.
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(26);
        tiff.putInt(0);
        // GPS IFD at 26: latitude ref and value, longitude ref and value; rationals at 80 and 104.
        tiff.putShort((short) 4);
        tiff.putShort((short) 1).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
        tiff.putShort((short) 2).putShort((short) 5).putInt(3).putInt(80);
        tiff.putShort((short) 3).putShort((short) 2).putInt(2).put(new byte[] {'E', 0, 0, 0});
        tiff.putShort((short) 4).putShort((short) 5).putInt(3).putInt(104);
        tiff.putInt(0);
        for (int[] dms : new int[][] {{31, 14, 0}, {121, 28, 0}}) {
            for (int part : dms) {
                tiff.putInt(part).putInt(1);
            }
        }
        byte[] exif = new byte[6 + tiff.capacity()];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.US_ASCII), 0, exif, 0, 6);
        System.arraycopy(tiff.array(), 0, exif, 6, tiff.capacity());
        // After SOI and the JFIF APP0 segment the writer starts with, where decoders expect other APPn segments.
        int afterApp0 = (jpeg[3] & 0xFF) != 0xE0 ? 2 : 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, afterApp0);
        out.write(0xFF);
        out.write(0xE1);
        out.write((exif.length + 2) >> 8);
        out.write((exif.length + 2) & 0xFF);
        out.write(exif, 0, exif.length);
        out.write(jpeg, afterApp0, jpeg.length - afterApp0);
        return out.toByteArray();
    }

    /** An MP4 of ftyp, moov (with an mvhd stating the duration) and a little mdat; brand isom, as ffmpeg writes. */
    public static byte[] mp4(int timescale, long duration, boolean moovAtEnd) {
        ByteBuffer ftyp = ByteBuffer.allocate(24);
        ftyp.putInt(24).put(ascii("ftyp")).put(ascii("isom")).putInt(0x200).put(ascii("isom")).put(ascii("mp41"));
        ByteBuffer mvhd = ByteBuffer.allocate(108);
        mvhd.putInt(108).put(ascii("mvhd")).putInt(0).putInt(0).putInt(0).putInt(timescale).putInt((int) duration);
        mvhd.putInt(0x00010000).putShort((short) 0x0100);
        ByteBuffer moov = ByteBuffer.allocate(8 + 108);
        moov.putInt(8 + 108).put(ascii("moov")).put(mvhd.array());
        ByteBuffer mdat = ByteBuffer.allocate(8 + 1024);
        mdat.putInt(8 + 1024).put(ascii("mdat"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ftyp.array());
        if (!moovAtEnd) {
            out.writeBytes(moov.array());
        }
        out.writeBytes(mdat.array());
        if (moovAtEnd) {
            out.writeBytes(moov.array());
        }
        return out.toByteArray();
    }

    /** A valid PNG header declaring 100,000 x 100,000 pixels (40 GB decoded) over a few bytes of data. */
    public static byte[] pngBomb() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt(100_000).putInt(100_000).put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        ByteBuffer length = ByteBuffer.allocate(4).putInt(data.length);
        out.writeBytes(length.array());
        CRC32 crc = new CRC32();
        crc.update(ascii(type));
        crc.update(data);
        out.writeBytes(ascii(type));
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
