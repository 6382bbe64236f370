package io.sparkinfer.engine.sched;

import io.sparkinfer.engine.config.PreprocessorConfig;
import io.sparkinfer.engine.models.qwen35.vision.ImageGrid;
import io.sparkinfer.engine.models.qwen35.vision.ImageTokens;
import io.sparkinfer.engine.runtime.VisionSupport;
import io.sparkinfer.engine.vision.preprocess.ImageDecoder;
import io.sparkinfer.engine.vision.preprocess.ImagePreprocessor;
import io.sparkinfer.engine.vision.preprocess.PixelValues;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Decodes and preprocesses a prompt's images on the submitting thread (pure Java) and expands its image pads,
 * failing with the image's index, what went wrong and how to fix it.
 */
final class ImagePromptPreparer {
    private final Optional<VisionSupport> vision;
    private final String modelKey;
    private final ImageDecoder decoder = new ImageDecoder();

    ImagePromptPreparer(Optional<VisionSupport> vision, String modelKey) {
        this.vision = vision;
        this.modelKey = modelKey;
    }

    /** The vision token ids the prompt's rendering needs; rejects images for a model without a vision tower. */
    VisionSupport requireVision(int images) {
        return vision.orElseThrow(() -> new RequestRejected("the prompt has " + images + " image(s) but the model "
                + modelKey + " has no vision tower (a text-only checkpoint); drop the images or use a multimodal"
                + " Qwen3.5 checkpoint (model_type qwen3_5 or qwen3_5_moe)"));
    }

    /** {@code ids} (one image pad per image) expanded, with the images ready for the tower. */
    Expanded prepare(int[] ids, List<byte[]> images, long maxPixels) {
        VisionSupport v = requireVision(images.size());
        PreprocessorConfig config = v.preprocessor();
        if (maxPixels > 0) {
            try {
                config = config.withMaxPixels(maxPixels);
            } catch (IllegalArgumentException e) {
                throw new RequestRejected("option " + e.getMessage());
            }
        }
        ImagePreprocessor preprocessor = new ImagePreprocessor(config);
        List<ImageGrid> grids = new ArrayList<>();
        List<PixelValues> values = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            PixelValues pv;
            try {
                pv = preprocessor.preprocess(decoder.decode(images.get(i)));
            } catch (IllegalArgumentException e) {
                throw new RequestRejected("image " + i + " (" + images.get(i).length + " bytes): " + e.getMessage()
                        + "; give a complete, valid image file");
            }
            values.add(pv);
            grids.add(new ImageGrid(pv.gridThw()[0], pv.gridThw()[1], pv.gridThw()[2]));
        }
        int imageToken = v.tokens().imageTokenId();
        int merge = v.tower().config().spatialMergeSize();
        int[] expanded;
        try {
            expanded = ImageTokens.expand(ids, grids, imageToken, merge);
        } catch (IllegalArgumentException e) {
            throw new RequestRejected(e.getMessage());
        }
        return new Expanded(expanded, new PreparedImages(flatten(values), grids, digest(values), imageToken, merge));
    }

    /** Tokens per image, for error messages. */
    static String tokensPerImage(PreparedImages images) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < images.grids().size(); i++) {
            parts.add("image " + i + ": " + images.grids().get(i).mergedTokens(images.merge()));
        }
        return String.join(", ", parts);
    }

    record Expanded(int[] ids, PreparedImages images) {
    }

    private static float[] flatten(List<PixelValues> values) {
        int total = values.stream().mapToInt(v -> v.patchCount() * v.patchDim()).sum();
        float[] out = new float[total];
        int at = 0;
        for (PixelValues v : values) {
            for (float[] patch : v.patches()) {
                System.arraycopy(patch, 0, out, at, patch.length);
                at += patch.length;
            }
        }
        return out;
    }

    private static String digest(List<PixelValues> values) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (PixelValues v : values) {
                ByteBuffer grid = ByteBuffer.allocate(12);
                for (int g : v.gridThw()) {
                    grid.putInt(g);
                }
                sha.update(grid.array());
                for (float[] patch : v.patches()) {
                    ByteBuffer row = ByteBuffer.allocate(patch.length * 4);
                    row.asFloatBuffer().put(patch);
                    sha.update(row.array());
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("[BUG] the JDK lacks SHA-256", e);
        }
    }
}
