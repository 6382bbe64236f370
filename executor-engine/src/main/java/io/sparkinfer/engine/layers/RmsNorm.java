package io.sparkinfer.engine.layers;

import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.Tensor;

/**
 * RMSNorm over groups of {@code weight.numel()} values: a whole row for the layer norms, one head for the
 * attention q/k norms. Qwen's zero-centred weights arrive already folded to {@code 1 + w}
 * ({@link WeightUploader#zeroCentredNorm}).
 */
public final class RmsNorm {
    private final Tensor weight;
    private final float eps;

    public RmsNorm(Tensor weight, float eps) {
        this.weight = weight;
        this.eps = eps;
    }

    /** The zero-centred norm stored under {@code name}, folded to {@code 1 + w} at load. */
    public static RmsNorm zeroCentred(WeightUploader weights, String name, double eps) {
        return new RmsNorm(weights.zeroCentredNorm(name), (float) eps);
    }

    /** The folded weight, as the ops see it. */
    public Tensor weight() {
        return weight;
    }

    /** A new normalised copy of x. */
    public Tensor forward(Backend backend, Tensor x) {
        Tensor out = backend.allocate(x.dtype(), x.shape());
        backend.ops().rmsNorm(x, weight, eps, out);
        return out;
    }

    /** Normalises x in place. */
    public void forwardInPlace(Backend backend, Tensor x) {
        backend.ops().rmsNorm(x, weight, eps, x);
    }
}
