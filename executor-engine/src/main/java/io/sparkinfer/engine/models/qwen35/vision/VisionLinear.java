package io.sparkinfer.engine.models.qwen35.vision;

import io.sparkinfer.engine.layers.WeightUploader;
import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;

/** A linear layer with bias, {@code y = x · Wᵀ + b} (every vision projection has one). */
record VisionLinear(Tensor weight, Tensor bias) {

    /** {@code prefix.weight} (any rank: dims after the first flatten, as the Conv3d patch kernel needs) and {@code prefix.bias}. */
    static VisionLinear load(WeightUploader weights, String prefix) {
        return new VisionLinear(weights.matrix(prefix + "weight"), weights.vector(prefix + "bias"));
    }

    int outFeatures() {
        return weight.shape()[0];
    }

    /** A new F32 [x.rows(), outFeatures] tensor. */
    Tensor forward(Backend backend, Tensor x) {
        Tensor y = backend.allocate(DType.F32, x.rows(), outFeatures());
        try {
            backend.ops().matmul(x, weight, y);
            backend.ops().addBias(y, bias, y);
            return y;
        } catch (RuntimeException | Error e) {
            y.close();
            throw e;
        }
    }
}
