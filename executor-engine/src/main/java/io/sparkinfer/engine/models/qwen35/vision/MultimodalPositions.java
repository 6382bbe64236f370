package io.sparkinfer.engine.models.qwen35.vision;

import java.util.List;

/**
 * The 3-D (t, h, w) rope positions of an expanded multimodal prompt and its rope delta (spec section 5,
 * HF {@code get_rope_index}). A running index c starts at 0; a text token takes t = h = w = c and advances c
 * by one; an image's merged tokens, in (frame, row, column) order, take {@code (c + frame, c + row, c + col)}
 * and advance c by {@code max(h, w) / merge}. {@code ropeDelta = max position + 1 - length}: a later token at
 * index n takes position n + ropeDelta on all three axes.
 *
 * @param thw       3 * L ints: the L t positions, then the L h positions, then the L w positions
 * @param ropeDelta the offset of the positions of tokens after the prompt
 */
public record MultimodalPositions(int[] thw, int ropeDelta) {

    public MultimodalPositions {
        if (thw.length % 3 != 0) {
            throw new IllegalArgumentException("[BUG] " + thw.length + " positions are not 3 per token");
        }
        thw = thw.clone();
    }

    @Override
    public int[] thw() {
        return thw.clone();
    }

    /** Positions of {@code expandedIds}, whose image pad runs hold the merged tokens of {@code grids} in order. */
    public static MultimodalPositions of(int[] expandedIds, List<ImageGrid> grids, int imageTokenId, int merge) {
        int n = expandedIds.length;
        int[] thw = new int[3 * n];
        int c = 0;
        int image = 0;
        int max = -1;
        int i = 0;
        while (i < n) {
            if (expandedIds[i] != imageTokenId) {
                set(thw, n, i++, c, c, c);
                max = Math.max(max, c++);
                continue;
            }
            if (image == grids.size()) {
                throw new IllegalArgumentException("image pad token at index " + i + " has no image: only "
                        + grids.size() + " image grids were given for this prompt");
            }
            ImageGrid g = grids.get(image++);
            int rows = g.h() / merge;
            int cols = g.w() / merge;
            if (i + g.mergedTokens(merge) > n) {
                throw new IllegalArgumentException("image " + (image - 1) + " needs " + g.mergedTokens(merge)
                        + " pad tokens from index " + i + " but the prompt ends at " + n + "; expand the pads first"
                        + " (ImageTokens.expand)");
            }
            for (int f = 0; f < g.t(); f++) {
                for (int r = 0; r < rows; r++) {
                    for (int col = 0; col < cols; col++) {
                        if (expandedIds[i] != imageTokenId) {
                            throw new IllegalArgumentException("token " + i + " (id " + expandedIds[i] + ") breaks"
                                    + " the run of image " + (image - 1) + "'s " + g.mergedTokens(merge)
                                    + " pad tokens; expand the pads with ImageTokens.expand");
                        }
                        set(thw, n, i++, c + f, c + r, c + col);
                        max = Math.max(max, Math.max(c + f, Math.max(c + r, c + col)));
                    }
                }
            }
            c += Math.max(g.h(), g.w()) / merge;
        }
        if (image != grids.size()) {
            throw new IllegalArgumentException("the prompt holds pad tokens for " + image + " images but "
                    + grids.size() + " image grids were given");
        }
        return new MultimodalPositions(thw, max + 1 - n);
    }

    private static void set(int[] thw, int n, int i, int t, int h, int w) {
        thw[i] = t;
        thw[n + i] = h;
        thw[2 * n + i] = w;
    }
}
