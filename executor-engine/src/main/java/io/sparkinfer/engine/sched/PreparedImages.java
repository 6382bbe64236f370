package io.sparkinfer.engine.sched;

import io.sparkinfer.engine.models.qwen35.vision.ImageGrid;
import java.util.List;

/**
 * A prompt's images after decoding and preprocessing, ready for the vision tower.
 *
 * @param pixelValues  every image's patches, row-major [total patches, patch input size]
 * @param grids        each image's (t, h, w) patch grid, in prompt order
 * @param digest       SHA-256 of the pixel values and grids: prefix-cache entries of image prompts are keyed by it
 * @param imageTokenId the {@code <|image_pad|>} id whose rows the features replace
 * @param merge        patches per side the vision merger folds into one token
 */
record PreparedImages(float[] pixelValues, List<ImageGrid> grids, String digest, int imageTokenId, int merge) {

    PreparedImages {
        if (grids.isEmpty()) {
            throw new IllegalArgumentException("[BUG] prepared images without any image");
        }
        grids = List.copyOf(grids);
    }
}
