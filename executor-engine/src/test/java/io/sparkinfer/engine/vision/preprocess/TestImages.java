package io.sparkinfer.engine.vision.preprocess;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Test images: the reference files under src/test/resources/vision and random ones. */
final class TestImages {

    static final Path VISION = Path.of("src/test/resources/vision");
    static final Path QWEN35_TINY = Path.of("src/test/resources/fixtures/qwen35-tiny");

    private TestImages() {
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An 8-bit RGB PNG read straight from its raster (no colour management), independent of ImageDecoder. */
    static RgbImage readRgbPng(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            Raster raster = image.getRaster();
            if (raster.getNumBands() != 3 || raster.getSampleModel().getSampleSize(0) != 8) {
                throw new IllegalStateException(file + " is not 8-bit RGB");
            }
            int h = image.getHeight();
            int w = image.getWidth();
            byte[] rgb = new byte[h * w * 3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int c = 0; c < 3; c++) {
                        rgb[(y * w + x) * 3 + c] = (byte) raster.getSample(x, y, c);
                    }
                }
            }
            return new RgbImage(h, w, rgb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RgbImage random(int height, int width, long seed) {
        byte[] rgb = new byte[height * width * 3];
        new Random(seed).nextBytes(rgb);
        return new RgbImage(height, width, rgb);
    }

    static RgbImage constant(int height, int width, int r, int g, int b) {
        byte[] rgb = new byte[height * width * 3];
        for (int i = 0; i < height * width; i++) {
            rgb[i * 3] = (byte) r;
            rgb[i * 3 + 1] = (byte) g;
            rgb[i * 3 + 2] = (byte) b;
        }
        return new RgbImage(height, width, rgb);
    }

    /** Positions and values of the first differing byte, or null when equal. */
    static String firstDifference(RgbImage expected, RgbImage actual) {
        if (!expected.size().equals(actual.size())) {
            return "size " + actual.size() + " != expected " + expected.size();
        }
        for (int i = 0; i < expected.pixels().length; i++) {
            if (expected.pixels()[i] != actual.pixels()[i]) {
                int pixel = i / 3;
                return "at y=" + pixel / expected.width() + " x=" + pixel % expected.width() + " channel " + i % 3
                        + ": " + (actual.pixels()[i] & 0xFF) + " != expected " + (expected.pixels()[i] & 0xFF);
            }
        }
        return null;
    }
}
