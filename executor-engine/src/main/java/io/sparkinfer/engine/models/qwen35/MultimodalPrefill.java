package io.sparkinfer.engine.models.qwen35;

import io.sparkinfer.kernels.api.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * What turns a prompt's tokens into a multimodal prefill (spec section 5): explicit 3-D rope positions for
 * every token, the rope delta later tokens continue from, and image features that replace the embeddings of
 * the image pad tokens. The caller owns {@code imageFeatures} (it is read during the forward, not kept).
 *
 * @param positions     3 * L ints for the L tokens of the input: t positions, then h, then w
 * @param ropeDelta     stored in the cache: a later token at index n gets position n + ropeDelta
 * @param imageFeatures [imageRows.length, hidden] F32, the vision tower's output for the prompt's images
 * @param imageRows     indices (within the input's tokens, ascending) of the pad tokens the features replace
 */
public record MultimodalPrefill(int[] positions, int ropeDelta, Tensor imageFeatures, int[] imageRows) {

    public MultimodalPrefill {
        Objects.requireNonNull(positions, "positions");
        Objects.requireNonNull(imageFeatures, "imageFeatures");
        Objects.requireNonNull(imageRows, "imageRows");
        if (positions.length % 3 != 0) {
            throw new IllegalArgumentException("positions must hold 3 values per token (t, then h, then w), got "
                    + positions.length);
        }
        if (imageFeatures.rows() != imageRows.length) {
            throw new IllegalArgumentException("image features have " + imageFeatures.rows() + " rows but the prompt"
                    + " has " + imageRows.length + " image pad tokens; expand each <|image_pad|> to its image's"
                    + " merged token count");
        }
        for (int i = 0; i < imageRows.length; i++) {
            if (imageRows[i] < 0 || (i > 0 && imageRows[i] <= imageRows[i - 1])) {
                throw new IllegalArgumentException("image rows must be ascending, non-negative indices, got "
                        + Arrays.toString(imageRows));
            }
        }
        positions = positions.clone();
        imageRows = imageRows.clone();
    }

    @Override
    public int[] positions() {
        return positions.clone();
    }

    @Override
    public int[] imageRows() {
        return imageRows.clone();
    }

    /** Tokens the positions cover. */
    int length() {
        return positions.length / 3;
    }
}
