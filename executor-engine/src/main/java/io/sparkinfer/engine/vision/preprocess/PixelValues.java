package io.sparkinfer.engine.vision.preprocess;

import java.util.Arrays;

/**
 * One image ready for the vision tower, as HF's processor returns it: {@code pixel_values} and
 * {@code image_grid_thw}.
 *
 * @param patches   [gridT * gridH * gridW, channels * temporalPatch * patch * patch] (1536 for Qwen3.5),
 *                  rows in HF order: merge blocks row-major, the merge x merge patches of a block row-major
 * @param gridThw   {temporal patches, patch rows, patch columns}
 * @param mergeSize patches per side that the vision merger folds into one token
 */
public record PixelValues(float[][] patches, int[] gridThw, int mergeSize) {

    public PixelValues {
        if (gridThw == null || gridThw.length != 3 || Arrays.stream(gridThw).anyMatch(g -> g <= 0)) {
            throw new IllegalArgumentException("[BUG] grid_thw " + Arrays.toString(gridThw)
                    + " must hold three positive values");
        }
        if (mergeSize <= 0 || gridThw[1] % mergeSize != 0 || gridThw[2] % mergeSize != 0) {
            throw new IllegalArgumentException("[BUG] grid_thw " + Arrays.toString(gridThw)
                    + " is not divisible by merge_size=" + mergeSize);
        }
        long rows = (long) gridThw[0] * gridThw[1] * gridThw[2];
        if (patches == null || patches.length != rows) {
            throw new IllegalArgumentException("[BUG] grid_thw " + Arrays.toString(gridThw) + " needs " + rows
                    + " patch rows, got " + (patches == null ? "null" : patches.length));
        }
        for (float[] patch : patches) {
            if (patch.length != patches[0].length) {
                throw new IllegalArgumentException("[BUG] patch rows of different lengths: " + patch.length
                        + " and " + patches[0].length);
            }
        }
    }

    public int patchCount() {
        return patches.length;
    }

    /** Values per patch row: channels * temporal patch * patch * patch. */
    public int patchDim() {
        return patches[0].length;
    }

    /** How many {@code <|image_pad|>} tokens this image expands to: patches / merge^2. */
    public int mergedTokenCount() {
        return patches.length / (mergeSize * mergeSize);
    }
}
