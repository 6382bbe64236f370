package io.sparkinfer.engine.vision.preprocess;

import io.sparkinfer.engine.config.PreprocessorConfig;

/**
 * HF's Qwen2-VL image processor for one RGB image (spec section 6): smart_resize, bicubic resize,
 * rescale and normalise, repeat into {@code temporal_patch_size} frames, and cut into patch rows in HF's
 * order. Thread-safe: it holds only the immutable config.
 */
public final class ImagePreprocessor {

    private static final int CHANNELS = 3;
    private static final int BICUBIC = 3;

    private final PreprocessorConfig config;

    public ImagePreprocessor(PreprocessorConfig config) {
        if (config.doResize() && config.resample() != BICUBIC) {
            throw new IllegalArgumentException("preprocessor_config.json resample=" + config.resample()
                    + " is not supported: only 3 (bicubic), which every Qwen3.5 checkpoint uses, is implemented");
        }
        this.config = config;
    }

    public PreprocessorConfig config() {
        return config;
    }

    public PixelValues preprocess(RgbImage image) {
        return preprocess(image, config);
    }

    /** With a per-request {@code max_pixels} that may only lower the checkpoint's bound. */
    public PixelValues preprocess(RgbImage image, long maxPixels) {
        return preprocess(image, config.withMaxPixels(maxPixels));
    }

    /** The size an image of {@code size} is resized to before patching. */
    public ImageSize targetSize(ImageSize size) {
        return config.doResize() ? SmartResize.targetSize(size, config) : size;
    }

    private static PixelValues preprocess(RgbImage image, PreprocessorConfig config) {
        ImageSize target = config.doResize() ? SmartResize.targetSize(image.size(), config) : image.size();
        int factor = config.resizeFactor();
        if (target.height() % factor != 0 || target.width() % factor != 0) {
            throw new IllegalArgumentException("image " + target + " is not a multiple of patch_size x merge_size="
                    + factor + " on both sides and preprocessor_config.json sets do_resize=false;"
                    + " resize the image or enable do_resize");
        }
        RgbImage resized = BicubicResize.resize(image, target);
        return Patchify.patches(normalise(resized, config), target, config);
    }

    /** [channel][y * width + x]: (v * rescale - mean) / std, each step only where the config asks for it. */
    private static float[][] normalise(RgbImage image, PreprocessorConfig config) {
        int pixels = image.height() * image.width();
        float[][] planes = new float[CHANNELS][pixels];
        byte[] rgb = image.pixels();
        for (int c = 0; c < CHANNELS; c++) {
            double scale = config.doRescale() ? config.rescaleFactor() : 1.0;
            double mean = config.doNormalize() ? config.imageMean().get(c) : 0.0;
            double std = config.doNormalize() ? config.imageStd().get(c) : 1.0;
            float[] plane = planes[c];
            for (int i = 0; i < pixels; i++) {
                plane[i] = (float) (((rgb[i * CHANNELS + c] & 0xFF) * scale - mean) / std);
            }
        }
        return planes;
    }
}
