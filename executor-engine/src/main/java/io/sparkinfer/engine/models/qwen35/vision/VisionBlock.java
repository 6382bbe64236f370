package io.sparkinfer.engine.models.qwen35.vision;

import io.sparkinfer.engine.layers.WeightUploader;
import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Ops;
import io.sparkinfer.kernels.api.Tensor;
import java.util.List;

/**
 * One vision block (spec section 4 step 4): {@code x += proj(Attn(LN1(x)))}, {@code x += fc2(geluTanh(fc1(LN2(x))))}.
 * Attention: fused qkv with bias split {@code [q | k | v]}, 2-D rotary on q and k, unmasked softmax attention
 * within each frame (images never see each other), scale {@code headDim^-1/2}.
 */
final class VisionBlock {
    private final VisionLayerNorm norm1;
    private final VisionLinear qkv;
    private final VisionLinear proj;
    private final VisionLayerNorm norm2;
    private final VisionLinear fc1;
    private final VisionLinear fc2;
    private final int heads;
    private final int headDim;
    private final double ropeTheta;

    private VisionBlock(VisionLayerNorm norm1, VisionLinear qkv, VisionLinear proj, VisionLayerNorm norm2,
            VisionLinear fc1, VisionLinear fc2, int heads, int headDim, double ropeTheta) {
        this.norm1 = norm1;
        this.qkv = qkv;
        this.proj = proj;
        this.norm2 = norm2;
        this.fc1 = fc1;
        this.fc2 = fc2;
        this.heads = heads;
        this.headDim = headDim;
        this.ropeTheta = ropeTheta;
    }

    /** {@code prefix = "model.visual.blocks.j."}. */
    static VisionBlock load(WeightUploader weights, String prefix, int heads, int headDim, double ropeTheta) {
        return new VisionBlock(VisionLayerNorm.load(weights, prefix + "norm1."),
                VisionLinear.load(weights, prefix + "attn.qkv."), VisionLinear.load(weights, prefix + "attn.proj."),
                VisionLayerNorm.load(weights, prefix + "norm2."), VisionLinear.load(weights, prefix + "mlp.linear_fc1."),
                VisionLinear.load(weights, prefix + "mlp.linear_fc2."), heads, headDim, ropeTheta);
    }

    /**
     * Updates x [N, Hv] in place. {@code rotary} holds each patch's row then column (2 * N ints);
     * {@code frames} the [offset, count] row spans that attend among themselves.
     */
    void forward(Backend backend, Tensor x, int[] rotary, List<int[]> frames) {
        Ops ops = backend.ops();
        int n = x.rows();
        int width = heads * headDim;
        try (Tensor normed = backend.allocate(DType.F32, n, width)) {
            norm1.forward(backend, x, normed);
            try (Tensor fused = qkv.forward(backend, normed);
                    Tensor q = backend.allocate(DType.F32, n, width);
                    Tensor k = backend.allocate(DType.F32, n, width);
                    Tensor v = backend.allocate(DType.F32, n, width);
                    Tensor o = backend.allocate(DType.F32, n, width)) {
                ops.copyColumns(fused, 0, q, 0, width);
                ops.copyColumns(fused, width, k, 0, width);
                ops.copyColumns(fused, 2 * width, v, 0, width);
                ops.rope2d(q, rotary, headDim, ropeTheta);
                ops.rope2d(k, rotary, headDim, ropeTheta);
                float scale = (float) (1 / Math.sqrt(headDim));
                for (int[] frame : frames) {
                    ops.bidirectionalAttention(q.rows(frame[0], frame[1]), k.rows(frame[0], frame[1]),
                            v.rows(frame[0], frame[1]), heads, headDim, scale, o.rows(frame[0], frame[1]));
                }
                try (Tensor projected = proj.forward(backend, o)) {
                    ops.add(x, projected, x);
                }
            }
            norm2.forward(backend, x, normed);
            try (Tensor hidden = fc1.forward(backend, normed)) {
                ops.geluTanh(hidden, hidden);
                try (Tensor out = fc2.forward(backend, hidden)) {
                    ops.add(x, out, x);
                }
            }
        }
    }
}
