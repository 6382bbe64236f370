package io.sparkinfer.engine.models.qwen35.vision;

import io.sparkinfer.engine.layers.WeightUploader;
import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;

/**
 * The merger (spec section 4 step 5): LayerNorm per patch, each run of m² consecutive patches (one 2 x 2
 * block, thanks to merge-block order) concatenated into one row, then {@code fc2(geluErf(fc1(.)))}: one LM
 * token embedding per block.
 */
final class PatchMerger {
    private final VisionLayerNorm norm;
    private final VisionLinear fc1;
    private final VisionLinear fc2;
    private final int blockPatches;

    private PatchMerger(VisionLayerNorm norm, VisionLinear fc1, VisionLinear fc2, int blockPatches) {
        this.norm = norm;
        this.fc1 = fc1;
        this.fc2 = fc2;
        this.blockPatches = blockPatches;
    }

    static PatchMerger load(WeightUploader weights, String prefix, int merge) {
        return new PatchMerger(VisionLayerNorm.load(weights, prefix + "norm."),
                VisionLinear.load(weights, prefix + "linear_fc1."), VisionLinear.load(weights, prefix + "linear_fc2."),
                merge * merge);
    }

    /** x [N, Hv] (N a multiple of m²) to a new [N / m², out_hidden_size]. */
    Tensor forward(Backend backend, Tensor x) {
        if (x.rows() % blockPatches != 0) {
            throw new IllegalStateException("[BUG] " + x.rows() + " patches do not fill blocks of " + blockPatches);
        }
        // The norm writes [N, Hv] values as [N / m², m² * Hv] rows: the concatenation costs no copy.
        try (Tensor blocks = backend.allocate(DType.F32, x.rows() / blockPatches, blockPatches * x.rowSize())) {
            norm.forward(backend, x, blocks);
            try (Tensor hidden = fc1.forward(backend, blocks)) {
                backend.ops().geluErf(hidden, hidden);
                return fc2.forward(backend, hidden);
            }
        }
    }
}
