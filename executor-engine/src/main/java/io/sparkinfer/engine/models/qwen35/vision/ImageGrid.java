package io.sparkinfer.engine.models.qwen35.vision;

/**
 * One image's patch grid ({@code image_grid_thw}): t temporal patches (1 for an image), h rows and w columns
 * of patches. Rows and columns must be whole multiples of the merge size so 2 x 2 blocks tile the grid.
 */
public record ImageGrid(int t, int h, int w) {

    public ImageGrid {
        if (t <= 0 || h <= 0 || w <= 0) {
            throw new IllegalArgumentException("image grid (t=" + t + ", h=" + h + ", w=" + w + ") must be positive"
                    + " in every dimension");
        }
    }

    /** Patches of this image: {@code t * h * w} (rows of pixel_values). */
    public int patches() {
        return t * h * w;
    }

    /** Patches of one frame: {@code h * w} (the span of one bidirectional attention). */
    public int patchesPerFrame() {
        return h * w;
    }

    /** LM tokens this image becomes: {@code t * h * w / merge²}. */
    public int mergedTokens(int merge) {
        requireMergeable(merge);
        return t * (h / merge) * (w / merge);
    }

    /** Fails unless h and w are whole multiples of {@code merge}. */
    public void requireMergeable(int merge) {
        if (h % merge != 0 || w % merge != 0) {
            throw new IllegalArgumentException("image grid (t=" + t + ", h=" + h + ", w=" + w + ") must have h and w"
                    + " divisible by spatial_merge_size=" + merge + "; resize images to multiples of patch_size * "
                    + merge + " pixels (the preprocessor does)");
        }
    }
}
