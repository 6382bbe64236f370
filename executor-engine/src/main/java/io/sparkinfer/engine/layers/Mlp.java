package io.sparkinfer.engine.layers;

import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Ops;
import io.sparkinfer.kernels.api.Tensor;

/** SwiGLU MLP: {@code down(silu(x · gateᵀ) ⊙ (x · upᵀ))}; also each routed expert and the shared expert. */
public final class Mlp implements FeedForward {
    private final Tensor gate; // [I, H]
    private final Tensor up;   // [I, H]
    private final Tensor down; // [H, I]

    public Mlp(Tensor gate, Tensor up, Tensor down) {
        if (gate.shape()[0] != up.shape()[0] || down.rowSize() != gate.shape()[0]) {
            throw new IllegalArgumentException("[BUG] SwiGLU weights disagree: gate " + shape(gate) + ", up "
                    + shape(up) + ", down " + shape(down));
        }
        this.gate = gate;
        this.up = up;
        this.down = down;
    }

    /** {@code prefix + "gate_proj.weight"}, {@code up_proj}, {@code down_proj}. */
    public static Mlp load(WeightUploader weights, String prefix) {
        return new Mlp(weights.matrix(prefix + "gate_proj.weight"), weights.matrix(prefix + "up_proj.weight"),
                weights.matrix(prefix + "down_proj.weight"));
    }

    public Tensor gate() {
        return gate;
    }

    public Tensor up() {
        return up;
    }

    public Tensor down() {
        return down;
    }

    @Override
    public Tensor forward(Backend backend, Tensor x, String name, ActivationTap tap) {
        Ops ops = backend.ops();
        int n = x.rows();
        int width = gate.shape()[0];
        Tensor out = backend.allocate(DType.F32, n, down.shape()[0]);
        try (Tensor g = backend.allocate(DType.F32, n, width); Tensor u = backend.allocate(DType.F32, n, width)) {
            ops.matmul(x, gate, g);
            ops.matmul(x, up, u);
            ops.swiglu(g, u, g);
            ops.matmul(g, down, out);
        }
        return out;
    }

    private static String shape(Tensor t) {
        return java.util.Arrays.toString(t.shape());
    }
}
