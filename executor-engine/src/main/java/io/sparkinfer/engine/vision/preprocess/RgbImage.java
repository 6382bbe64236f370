package io.sparkinfer.engine.vision.preprocess;

/**
 * An 8-bit RGB image, rows top to bottom, pixels left to right, channels R, G, B interleaved:
 * {@code pixels[(y * width + x) * 3 + c]} (read with {@code & 0xFF}). The array is owned by the image and
 * not copied; callers do not change it after construction.
 */
public record RgbImage(int height, int width, byte[] pixels) {

    public RgbImage {
        ImageSize size = new ImageSize(height, width);
        if (pixels == null || pixels.length != size.pixels() * 3) {
            throw new IllegalArgumentException("RGB image " + size + " needs " + size.pixels() * 3
                    + " bytes (H*W*3), got " + (pixels == null ? "null" : pixels.length));
        }
    }

    public ImageSize size() {
        return new ImageSize(height, width);
    }

    /** Channel {@code c} (0 = R) of pixel (y, x) as 0..255. */
    public int get(int y, int x, int c) {
        return pixels[(y * width + x) * 3 + c] & 0xFF;
    }
}
