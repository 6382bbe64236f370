package io.sparkinfer.engine.models.qwen35.vision;

import io.sparkinfer.engine.layers.WeightUploader;
import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.Tensor;

/** LayerNorm with weight and bias, eps 1e-6 (spec section 2.2, kind 3: vision only). */
record VisionLayerNorm(Tensor weight, Tensor bias) {
    static final float EPS = 1e-6f;

    static VisionLayerNorm load(WeightUploader weights, String prefix) {
        return new VisionLayerNorm(weights.vector(prefix + "weight"), weights.vector(prefix + "bias"));
    }

    /** Normalises x per group of Hv values into out (same values count, possibly wider rows). */
    void forward(Backend backend, Tensor x, Tensor out) {
        backend.ops().layerNorm(x, weight, bias, EPS, out);
    }
}
