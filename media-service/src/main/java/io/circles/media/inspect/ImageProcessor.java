package io.circles.media.inspect;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import io.circles.media.upload.UploadRules;

/**
 * Checks an image's dimensions from its header before decoding it (a small file may declare a billion pixels), then
 * decodes it and writes it again in the same format from the pixels alone: EXIF, XMP, ICC comments and GPS position
 * stay behind, since the writer is given no metadata. Also makes the thumbnail.
 */
public final class ImageProcessor {

    /** JPEG quality of re-encoded images and thumbnails: visually lossless for photos at about half the size of 1.0. */
    private static final float JPEG_QUALITY = 0.9f;

    /** The cleaned image and its thumbnail, both in the original format. */
    public record Processed(byte[] image, int width, int height, byte[] thumbnail) {
    }

    private ImageProcessor() {
    }

    public static Processed process(byte[] data, String contentType) throws Refused {
        BufferedImage image = decode(data, contentType);
        boolean jpeg = contentType.equals("image/jpeg");
        if (jpeg || contentType.equals("image/webp")) {
            // JPEG has no alpha, and the WebP encoder handles RGB best: flatten onto white.
            image = opaque(image);
        }
        int[] size = UploadRules.thumbnailSize(image.getWidth(), image.getHeight());
        BufferedImage thumbnail = scaled(image, size[0], size[1]);
        return new Processed(encode(image, contentType), image.getWidth(), image.getHeight(),
                encode(thumbnail, contentType));
    }

    /** Width and height from the header, checked against the pixel limit; then the pixels. */
    static BufferedImage decode(byte[] data, String contentType) throws Refused {
        ImageReader reader = reader(contentType);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width < 1 || height < 1) {
                throw new Refused("the image declares no size");
            }
            if ((long) width * height > UploadRules.MAX_IMAGE_PIXELS) {
                throw new Refused("the image is " + width + "x" + height + " pixels, more than "
                        + UploadRules.MAX_IMAGE_PIXELS / 1_000_000 + " megapixels");
            }
            BufferedImage image = reader.read(0);
            if (image == null) {
                throw new Refused("the image cannot be decoded");
            }
            return image;
        } catch (IOException | RuntimeException e) {
            throw new Refused("the image cannot be decoded: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader reader(String contentType) throws Refused {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(contentType);
        if (!readers.hasNext()) {
            throw new Refused("no decoder for " + contentType);
        }
        return readers.next();
    }

    static byte[] encode(BufferedImage image, String contentType) throws Refused {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByMIMEType(contentType);
        if (!writers.hasNext()) {
            throw new Refused("no encoder for " + contentType);
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (contentType.equals("image/jpeg")) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new Refused("the image cannot be encoded again: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static BufferedImage opaque(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return rgb;
    }

    private static BufferedImage scaled(BufferedImage image, int width, int height) {
        if (width == image.getWidth() && height == image.getHeight()) {
            return image;
        }
        int type = image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage scaled = new BufferedImage(width, height, type);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return scaled;
    }
}
