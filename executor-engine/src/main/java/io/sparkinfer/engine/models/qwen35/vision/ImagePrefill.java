package io.sparkinfer.engine.models.qwen35.vision;

import io.sparkinfer.engine.models.qwen35.MultimodalPrefill;
import io.sparkinfer.kernels.api.Tensor;
import java.util.List;

/** Builds the {@link MultimodalPrefill} of an expanded image prompt from its grids and the tower's features. */
public final class ImagePrefill {

    private ImagePrefill() {
    }

    /**
     * Positions and rope delta of {@code expandedIds} (see {@link MultimodalPositions}) with {@code features}
     * [merged tokens, hidden] for its image pad rows. {@code features} stays the caller's to close.
     */
    public static MultimodalPrefill of(int[] expandedIds, List<ImageGrid> grids, Tensor features, int imageTokenId,
            int merge) {
        MultimodalPositions positions = MultimodalPositions.of(expandedIds, grids, imageTokenId, merge);
        return new MultimodalPrefill(positions.thw(), positions.ropeDelta(), features,
                ImageTokens.padRows(expandedIds, imageTokenId));
    }
}
