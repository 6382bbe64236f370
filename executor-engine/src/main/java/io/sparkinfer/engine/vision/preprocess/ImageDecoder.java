package io.sparkinfer.engine.vision.preprocess;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Encoded image bytes to 8-bit RGB, as HF's {@code load_image} + {@code convert_to_rgb} see them: JPEG
 * (EXIF orientation applied), PNG, GIF (first frame), BMP and WebP. Alpha is composited over white,
 * grayscale replicated, 16-bit samples cut to their high byte (as Pillow does). Thread-safe.
 */
public final class ImageDecoder {

    /** Default refusal bound: larger images are far beyond any smart_resize target and cost GBs to hold. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    static final String SUPPORTED = "JPEG, PNG, GIF (first frame), BMP, WebP";

    static {
        // ImageIO discovers plugins through the context class loader at first use, which misses jars that
        // Spark adds to a user class loader; registering the WebP reader by hand does not depend on that.
        IIORegistry.getDefaultInstance().registerServiceProvider(new WebPImageReaderSpi());
    }

    private final long maxPixels;

    public ImageDecoder() {
        this(DEFAULT_MAX_PIXELS);
    }

    /** @param maxPixels decoded images with more pixels (width x height) are refused before decoding */
    public ImageDecoder(long maxPixels) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels=" + maxPixels + " must be positive");
        }
        this.maxPixels = maxPixels;
    }

    public long maxPixels() {
        return maxPixels;
    }

    /**
     * @throws IllegalArgumentException when the bytes are no image in a supported format, or the image has
     *                                  more than {@link #maxPixels()} pixels
     */
    public RgbImage decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("cannot decode image (0 bytes): the image is empty; supported: "
                    + SUPPORTED);
        }
        BufferedImage image = read(bytes);
        RgbImage rgb = RgbConversion.toRgb(image);
        return JpegMarkers.isJpeg(bytes) ? ExifOrientation.apply(rgb, JpegMarkers.exifOrientation(bytes)) : rgb;
    }

    /** The first frame, read only after its size has passed the pixel limit (guards against decompression bombs). */
    private BufferedImage read(byte[] bytes) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw failure(bytes, "no image reader recognises the format", null);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                String format = reader.getFormatName().toUpperCase(Locale.ROOT);
                requireWithinLimit(format, reader.getWidth(0), reader.getHeight(0));
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (Refusal e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw failure(bytes, reason(bytes, e), e);
        }
    }

    private void requireWithinLimit(String format, int width, int height) {
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw new Refusal("cannot decode image: " + format + " of H=" + height + " x W=" + width + " ("
                    + pixels + " pixels) exceeds the limit of " + maxPixels
                    + " pixels; downscale it before inference or raise the decoder's pixel limit", null);
        }
    }

    private static String reason(byte[] bytes, Exception e) {
        String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (JpegMarkers.isJpeg(bytes) && JpegMarkers.componentCount(bytes) == 4) {
            return message + " (a CMYK/YCCK JPEG, which the JDK's JPEG reader cannot read; convert it to RGB)";
        }
        return message;
    }

    private static Refusal failure(byte[] bytes, String reason, Exception cause) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(8, bytes.length); i++) {
            hex.append(String.format(Locale.ROOT, "%02x", bytes[i] & 0xFF));
        }
        return new Refusal("cannot decode image (" + bytes.length + " bytes, starts with hex "
                + hex + "): " + reason + "; supported: " + SUPPORTED, cause);
    }

    /** This decoder's own verdict on the input, passed through unwrapped. */
    private static final class Refusal extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        Refusal(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
