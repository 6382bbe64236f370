package io.sparkinfer.engine.vision.preprocess;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.util.Arrays;

/**
 * A decoded {@link BufferedImage} as 8-bit RGB the way Pillow's {@code convert("RGB")} after an alpha
 * composite over white gives it. Component images (RGB or gray, 8 or 16 bits, with or without alpha) are
 * read from their raw samples, CMYK JPEGs with Pillow's naive formula: Java's own conversion would apply colour management (its gray is linear
 * and would come out brighter) where Pillow copies the numbers. Palette and packed images go through
 * {@link BufferedImage#getRGB}, which is exact for them.
 */
final class RgbConversion {

    private RgbConversion() {
    }

    static RgbImage toRgb(BufferedImage image) {
        if (image.getColorModel().isAlphaPremultiplied()) {
            image.coerceData(false);
        }
        ColorModel cm = image.getColorModel();
        int space = cm.getColorSpace().getType();
        // Integer samples of up to 16 bits are read raw; anything else (float samples, say) goes through Java.
        boolean component = cm instanceof ComponentColorModel
                && Arrays.stream(cm.getComponentSize()).allMatch(bits -> bits >= 1 && bits <= 16);
        if (component && (space == ColorSpace.TYPE_RGB || space == ColorSpace.TYPE_GRAY)) {
            return fromSamples(image, cm);
        }
        if (component && space == ColorSpace.TYPE_CMYK && cm.getNumComponents() == 4) {
            return fromCmyk(image, cm);
        }
        return fromArgb(image);
    }

    private static RgbImage fromSamples(BufferedImage image, ColorModel cm) {
        int h = image.getHeight();
        int w = image.getWidth();
        int colors = cm.getNumColorComponents();
        int bands = cm.getNumComponents();
        boolean alpha = cm.hasAlpha();
        Raster raster = image.getRaster();
        int[] row = new int[w * bands];
        byte[] rgb = new byte[h * w * 3];
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int base = x * bands;
                int a = alpha ? to8(row[base + colors], cm.getComponentSize(colors)) : 255;
                for (int c = 0; c < 3; c++) {
                    int band = colors == 1 ? 0 : c;
                    int v = to8(row[base + band], cm.getComponentSize(band));
                    rgb[(y * w + x) * 3 + c] = (byte) overWhite(v, a);
                }
            }
        }
        return new RgbImage(h, w, rgb);
    }

    /** Pillow's {@code cmyk2rgb}: each channel is (255 - k) - (ink x (255 - k)) / 255, rounded. */
    private static RgbImage fromCmyk(BufferedImage image, ColorModel cm) {
        int h = image.getHeight();
        int w = image.getWidth();
        Raster raster = image.getRaster();
        int[] row = new int[w * 4];
        byte[] rgb = new byte[h * w * 3];
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int notBlack = 255 - to8(row[x * 4 + 3], cm.getComponentSize(3));
                for (int c = 0; c < 3; c++) {
                    int ink = to8(row[x * 4 + c], cm.getComponentSize(c));
                    rgb[(y * w + x) * 3 + c] = (byte) (notBlack - divide255(ink * notBlack));
                }
            }
        }
        return new RgbImage(h, w, rgb);
    }

    private static RgbImage fromArgb(BufferedImage image) {
        int h = image.getHeight();
        int w = image.getWidth();
        int[] row = new int[w];
        byte[] rgb = new byte[h * w * 3];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                int a = argb >>> 24;
                int o = (y * w + x) * 3;
                rgb[o] = (byte) overWhite(argb >> 16 & 0xFF, a);
                rgb[o + 1] = (byte) overWhite(argb >> 8 & 0xFF, a);
                rgb[o + 2] = (byte) overWhite(argb & 0xFF, a);
            }
        }
        return new RgbImage(h, w, rgb);
    }

    /**
     * A sample of {@code bits} bits as 0..255: 16-bit keeps its high byte, as Pillow reads 16-bit RGB PNGs.
     * (Pillow opens 16-bit gray as mode I and {@code convert("RGB")} clips it to 255, a white image; the high
     * byte is deliberately kept there too.)
     */
    static int to8(int sample, int bits) {
        if (bits == 8) {
            return sample;
        }
        if (bits == 16) {
            return sample >>> 8;
        }
        int max = (1 << bits) - 1;
        return (sample * 255 + max / 2) / max;
    }

    /**
     * Pillow's {@code alpha_composite} of (v, a) over opaque white, in its fixed point (AlphaComposite.c with
     * a destination alpha of 255: both coefficients carry 7 fraction bits, then a rounded division by 255).
     */
    static int overWhite(int v, int a) {
        if (a == 255) {
            return v;
        }
        int blended = (v * a + 255 * (255 - a)) << 7;
        int rounded = blended + (0x80 << 7);
        return (((rounded >>> 8) + rounded) >>> 8) >>> 7;
    }

    /** Pillow's MULDIV255 rounding: x / 255 rounded, for 0 <= x <= 255 * 255. */
    private static int divide255(int x) {
        int t = x + 128;
        return ((t >>> 8) + t) >>> 8;
    }
}
