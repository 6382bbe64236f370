package io.sparkinfer.engine.models.qwen35.vision;

import java.util.Arrays;
import java.util.List;

/**
 * The processor's {@code <|image_pad|>} expansion (spec section 5): each single pad token of a prompt becomes
 * as many pads as its image has merged tokens, images taken in order.
 */
public final class ImageTokens {

    private ImageTokens() {
    }

    /** {@code ids} with the k-th image pad repeated {@code grids.get(k).mergedTokens(merge)} times. */
    public static int[] expand(int[] ids, List<ImageGrid> grids, int imageTokenId, int merge) {
        int pads = (int) Arrays.stream(ids).filter(id -> id == imageTokenId).count();
        if (pads != grids.size()) {
            throw new IllegalArgumentException("the prompt holds " + pads + " image pad tokens (id " + imageTokenId
                    + ") but " + grids.size() + " images were given; put one <|image_pad|> per image, in order");
        }
        int extra = grids.stream().mapToInt(g -> g.mergedTokens(merge) - 1).sum();
        int[] out = new int[ids.length + extra];
        int at = 0;
        int image = 0;
        for (int id : ids) {
            int copies = id == imageTokenId ? grids.get(image++).mergedTokens(merge) : 1;
            Arrays.fill(out, at, at + copies, id);
            at += copies;
        }
        return out;
    }

    /** Indices of the image pad tokens in an expanded prompt: the rows the image features replace. */
    public static int[] padRows(int[] expandedIds, int imageTokenId) {
        int[] rows = new int[expandedIds.length];
        int count = 0;
        for (int i = 0; i < expandedIds.length; i++) {
            if (expandedIds[i] == imageTokenId) {
                rows[count++] = i;
            }
        }
        return Arrays.copyOf(rows, count);
    }
}
