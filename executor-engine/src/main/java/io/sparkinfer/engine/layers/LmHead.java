package io.sparkinfer.engine.layers;

import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;

/** Logits {@code h · Wᵀ} over the full (padded) vocabulary; W is embed_tokens when the model ties them. */
public final class LmHead {
    private final Tensor weight; // [vocab, hidden]

    public LmHead(Tensor weight) {
        this.weight = weight;
    }

    public Tensor weight() {
        return weight;
    }

    /** F32 logits [rows of h, vocab]. */
    public Tensor forward(Backend backend, Tensor h) {
        Tensor logits = backend.allocate(DType.F32, h.rows(), weight.shape()[0]);
        backend.ops().matmul(h, weight, logits);
        return logits;
    }
}
