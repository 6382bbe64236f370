package io.sparkinfer.engine.vision.preprocess;

import io.sparkinfer.engine.config.PreprocessorConfig;

/**
 * HF Qwen2-VL {@code smart_resize} (spec section 6 step 2): the size an image is resized to before it is
 * cut into patches. Both sides become multiples of {@code factor} (patch 16 x merge 2 = 32) and the area
 * lands within [minPixels, maxPixels], keeping the aspect ratio as closely as the rounding allows.
 */
public final class SmartResize {

    /** HF refuses images more elongated than this; the vision tower was not trained on them. */
    public static final double MAX_ASPECT_RATIO = 200;

    private SmartResize() {
    }

    /** The target size for {@code image} under {@code config}'s factor and pixel bounds. */
    public static ImageSize targetSize(ImageSize image, PreprocessorConfig config) {
        return targetSize(image.height(), image.width(), config.resizeFactor(), config.minPixels(),
                config.maxPixels());
    }

    /**
     * The spec's formula, step for step in double precision as Python evaluates it; Python's {@code round}
     * rounds half to even, which is {@link Math#rint}.
     */
    public static ImageSize targetSize(int height, int width, int factor, long minPixels, long maxPixels) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("cannot resize an image of H=" + height + " x W=" + width
                    + ": both sides must be positive");
        }
        if (factor <= 0 || minPixels <= 0 || minPixels > maxPixels) {
            throw new IllegalArgumentException("smart_resize bounds factor=" + factor + ", min_pixels="
                    + minPixels + ", max_pixels=" + maxPixels + " must be positive with min <= max");
        }
        double ratio = (double) Math.max(height, width) / Math.min(height, width);
        if (ratio > MAX_ASPECT_RATIO) {
            throw new IllegalArgumentException("image H=" + height + " x W=" + width + " has aspect ratio "
                    + ratio + ", above the limit of " + MAX_ASPECT_RATIO
                    + " that the Qwen vision processor accepts; crop or pad the image first");
        }
        long h = (long) Math.rint((double) height / factor) * factor;
        long w = (long) Math.rint((double) width / factor) * factor;
        if (h * w > maxPixels) {
            double beta = Math.sqrt((double) ((long) height * width) / maxPixels);
            h = Math.max(factor, (long) Math.floor(height / beta / factor) * factor);
            w = Math.max(factor, (long) Math.floor(width / beta / factor) * factor);
        } else if (h * w < minPixels) {
            double beta = Math.sqrt((double) minPixels / (double) ((long) height * width));
            h = (long) Math.ceil(height * beta / factor) * factor;
            w = (long) Math.ceil(width * beta / factor) * factor;
        }
        if (h > Integer.MAX_VALUE || w > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("smart_resize of H=" + height + " x W=" + width
                    + " gives " + h + " x " + w + ", too large; lower min_pixels=" + minPixels);
        }
        return new ImageSize((int) h, (int) w);
    }
}
