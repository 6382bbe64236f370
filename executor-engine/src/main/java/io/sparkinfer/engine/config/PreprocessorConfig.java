package io.sparkinfer.engine.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;

/**
 * A checkpoint's {@code preprocessor_config.json} (Qwen2-VL image processor; spec section 6).
 *
 * @param minPixels  {@code size.shortest_edge} (older files: {@code min_pixels}): smallest resized area
 * @param maxPixels  {@code size.longest_edge} (older files: {@code max_pixels}): largest resized area
 * @param imageMean  per RGB channel
 * @param imageStd   per RGB channel, positive
 * @param resample   PIL filter code (3 = bicubic)
 */
public record PreprocessorConfig(
        int patchSize,
        int temporalPatchSize,
        int mergeSize,
        long minPixels,
        long maxPixels,
        List<Double> imageMean,
        List<Double> imageStd,
        double rescaleFactor,
        boolean doRescale,
        boolean doNormalize,
        boolean doResize,
        int resample) {

    public static final String FILE_NAME = "preprocessor_config.json";

    /** The values shipped with every Qwen3.5 checkpoint. */
    public static final PreprocessorConfig QWEN3_5 = new PreprocessorConfig(16, 2, 2, 65_536, 16_777_216,
            List.of(0.5, 0.5, 0.5), List.of(0.5, 0.5, 0.5), 1.0 / 255, true, true, true, 3);

    public PreprocessorConfig {
        Checks.positive("patch_size", patchSize);
        Checks.positive("temporal_patch_size", temporalPatchSize);
        Checks.positive("merge_size", mergeSize);
        Checks.positive("size.shortest_edge (min_pixels)", minPixels);
        Checks.positive("size.longest_edge (max_pixels)", maxPixels);
        if (minPixels > maxPixels) {
            throw new ConfigException("size.shortest_edge (min_pixels)=" + minPixels
                    + " must not exceed size.longest_edge (max_pixels)=" + maxPixels);
        }
        imageMean = List.copyOf(imageMean);
        imageStd = List.copyOf(imageStd);
        if (imageMean.size() != 3 || imageStd.size() != 3) {
            throw new ConfigException("image_mean=" + imageMean + " and image_std=" + imageStd
                    + " must hold one value per RGB channel (3 each)");
        }
        imageStd.forEach(s -> Checks.positiveFinite("image_std", s));
        Checks.positiveFinite("rescale_factor", rescaleFactor);
        if (resample < 0 || resample > 5) {
            throw new ConfigException("resample=" + resample + " must be a PIL filter code 0..5 (3 = bicubic)");
        }
    }

    /** Image sides are rounded to multiples of this: {@code patch_size * merge_size} (32). */
    public int resizeFactor() {
        return patchSize * mergeSize;
    }

    /**
     * This config with a per-request {@code max_pixels}, which may only lower the checkpoint's bound (a larger
     * image than the checkpoint allows would exceed what its vision tower was built for).
     */
    public PreprocessorConfig withMaxPixels(long requested) {
        if (requested > maxPixels || requested < minPixels) {
            throw new IllegalArgumentException("max_pixels=" + requested + " must lie between the checkpoint's"
                    + " size.shortest_edge (min_pixels)=" + minPixels + " and size.longest_edge (max_pixels)="
                    + maxPixels + "; a request may only lower the maximum");
        }
        return new PreprocessorConfig(patchSize, temporalPatchSize, mergeSize, minPixels, requested, imageMean,
                imageStd, rescaleFactor, doRescale, doNormalize, doResize, resample);
    }

    /** The vision tower must cut patches the way this processor makes them. */
    public void requireCompatible(VisionConfig vision, String sourceName) {
        if (patchSize != vision.patchSize() || temporalPatchSize != vision.temporalPatchSize()
                || mergeSize != vision.spatialMergeSize()) {
            throw new ConfigException(sourceName + ": patch_size=" + patchSize + ", temporal_patch_size="
                    + temporalPatchSize + ", merge_size=" + mergeSize + " disagree with config.json vision_config"
                    + " patch_size=" + vision.patchSize() + ", temporal_patch_size=" + vision.temporalPatchSize()
                    + ", spatial_merge_size=" + vision.spatialMergeSize() + "; the two files belong to"
                    + " different models");
        }
    }

    /** Reads preprocessor_config.json from a model directory; without the file, {@link #QWEN3_5}. */
    public static PreprocessorConfig load(Path modelDir) {
        Path file = modelDir.resolve(FILE_NAME);
        return ConfigFiles.readIfPresent(file).map(json -> parse(json, file.toString())).orElse(QWEN3_5);
    }

    /**
     * Parses preprocessor_config.json text. Absent keys take the Qwen3.5 values; older {@code min_pixels}
     * / {@code max_pixels} keys override {@code size}, as HF's processor does.
     */
    public static PreprocessorConfig parse(String json, String sourceName) {
        try {
            JsonFields f = JsonFields.of(ConfigFiles.parseObject(json));
            PreprocessorConfig d = QWEN3_5;
            long min = d.minPixels();
            long max = d.maxPixels();
            var size = f.object("size");
            if (size.isPresent()) {
                min = size.get().optionalLong("shortest_edge", min);
                max = size.get().optionalLong("longest_edge", max);
            }
            min = f.optionalLong("min_pixels", min);
            max = f.optionalLong("max_pixels", max);
            return new PreprocessorConfig(
                    f.optionalInt("patch_size", d.patchSize()),
                    f.optionalInt("temporal_patch_size", d.temporalPatchSize()),
                    f.optionalInt("merge_size", d.mergeSize()),
                    min,
                    max,
                    f.optionalDoubleList("image_mean").orElse(d.imageMean()),
                    f.optionalDoubleList("image_std").orElse(d.imageStd()),
                    f.optionalDouble("rescale_factor", d.rescaleFactor()),
                    f.optionalBoolean("do_rescale", d.doRescale()),
                    f.optionalBoolean("do_normalize", d.doNormalize()),
                    f.optionalBoolean("do_resize", d.doResize()),
                    f.optionalInt("resample", d.resample()));
        } catch (ConfigException e) {
            throw e.at(sourceName);
        }
    }

    /** This config as preprocessor_config.json in the layout Qwen3.5 ships. */
    public ObjectNode toJson() {
        ObjectNode out = ConfigFiles.MAPPER.createObjectNode();
        out.put("image_processor_type", "Qwen2VLImageProcessorFast");
        out.put("patch_size", patchSize);
        out.put("temporal_patch_size", temporalPatchSize);
        out.put("merge_size", mergeSize);
        ObjectNode size = out.putObject("size");
        size.put("shortest_edge", minPixels);
        size.put("longest_edge", maxPixels);
        ArrayNode mean = out.putArray("image_mean");
        imageMean.forEach(mean::add);
        ArrayNode std = out.putArray("image_std");
        imageStd.forEach(std::add);
        out.put("do_rescale", doRescale);
        out.put("rescale_factor", rescaleFactor);
        out.put("do_normalize", doNormalize);
        out.put("do_resize", doResize);
        out.put("resample", resample);
        return out;
    }
}
