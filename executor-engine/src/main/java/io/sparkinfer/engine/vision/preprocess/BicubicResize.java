package io.sparkinfer.engine.vision.preprocess;

/**
 * Resizes 8-bit RGB the way Pillow's {@code Image.resize(size, BICUBIC)} does (libImaging/Resample.c):
 * a separable filter with a = -0.5 whose support widens by the downscale factor (antialiasing), weights
 * normalised per output pixel and quantised to 22-bit fixed point, a horizontal pass into an 8-bit
 * intermediate, then a vertical pass; each pass rounds and clamps to 0..255.
 */
public final class BicubicResize {

    private BicubicResize() {
    }

    /** {@code image} resized to {@code target}; the same image when the size does not change. */
    public static RgbImage resize(RgbImage image, ImageSize target) {
        if (image.size().equals(target)) {
            return image;
        }
        ResampleWeights horizontal = ResampleWeights.bicubic(image.width(), target.width());
        ResampleWeights vertical = ResampleWeights.bicubic(image.height(), target.height());
        RgbImage current = image;
        if (target.width() != image.width()) {
            // Pillow only filters the source rows that the vertical pass reads.
            int firstRow = vertical.first(0);
            int lastRow = vertical.first(target.height() - 1) + vertical.count(target.height() - 1);
            current = horizontalPass(image, horizontal, firstRow, lastRow);
            vertical = vertical.shifted(-firstRow);
        }
        if (target.height() != image.height()) {
            current = verticalPass(current, vertical);
        }
        return current;
    }

    private static RgbImage horizontalPass(RgbImage in, ResampleWeights weights, int firstRow, int lastRow) {
        int outW = weights.outSize();
        int outH = lastRow - firstRow;
        byte[] src = in.pixels();
        byte[] dst = new byte[outH * outW * 3];
        for (int y = 0; y < outH; y++) {
            int rowBase = (y + firstRow) * in.width() * 3;
            for (int x = 0; x < outW; x++) {
                int first = weights.first(x);
                int count = weights.count(x);
                int r = ResampleWeights.HALF;
                int g = ResampleWeights.HALF;
                int b = ResampleWeights.HALF;
                for (int k = 0; k < count; k++) {
                    int w = weights.weight(x, k);
                    int p = rowBase + (first + k) * 3;
                    r += (src[p] & 0xFF) * w;
                    g += (src[p + 1] & 0xFF) * w;
                    b += (src[p + 2] & 0xFF) * w;
                }
                int o = (y * outW + x) * 3;
                dst[o] = ResampleWeights.clip8(r);
                dst[o + 1] = ResampleWeights.clip8(g);
                dst[o + 2] = ResampleWeights.clip8(b);
            }
        }
        return new RgbImage(outH, outW, dst);
    }

    private static RgbImage verticalPass(RgbImage in, ResampleWeights weights) {
        int outH = weights.outSize();
        int width = in.width();
        byte[] src = in.pixels();
        byte[] dst = new byte[outH * width * 3];
        for (int y = 0; y < outH; y++) {
            int first = weights.first(y);
            int count = weights.count(y);
            for (int x = 0; x < width; x++) {
                int r = ResampleWeights.HALF;
                int g = ResampleWeights.HALF;
                int b = ResampleWeights.HALF;
                for (int k = 0; k < count; k++) {
                    int w = weights.weight(y, k);
                    int p = ((first + k) * width + x) * 3;
                    r += (src[p] & 0xFF) * w;
                    g += (src[p + 1] & 0xFF) * w;
                    b += (src[p + 2] & 0xFF) * w;
                }
                int o = (y * width + x) * 3;
                dst[o] = ResampleWeights.clip8(r);
                dst[o + 1] = ResampleWeights.clip8(g);
                dst[o + 2] = ResampleWeights.clip8(b);
            }
        }
        return new RgbImage(outH, width, dst);
    }
}
