package io.sparkinfer.engine.layers;

import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.Tensor;

/** The channel mixer of a decoder layer: a dense SwiGLU MLP or a sparse MoE block. Rows are independent. */
public interface FeedForward {

    /** A new tensor [rows of x, hidden]. */
    Tensor forward(Backend backend, Tensor x, String name, ActivationTap tap);
}
