package io.sparkinfer.engine.layers;

import io.sparkinfer.engine.config.MoeConfig;
import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Ops;
import io.sparkinfer.kernels.api.Tensor;
import java.util.List;

/**
 * Qwen3.5 sparse MoE block (spec section 2.7): softmax router over all experts, top-k renormalised, each
 * chosen expert a SwiGLU MLP weighted by its routing weight, plus an always-on shared expert scaled by a
 * per-token sigmoid gate. Rows are routed independently, so a row's result does not depend on its batch.
 */
public final class SparseMoe implements FeedForward {
    private final Tensor router;        // [E, H]
    private final List<Mlp> experts;    // E routed experts
    private final int topK;
    private final Mlp sharedExpert;
    private final Tensor sharedGate;    // [1, H]

    public SparseMoe(Tensor router, List<Mlp> experts, int topK, Mlp sharedExpert, Tensor sharedGate) {
        if (router.shape()[0] != experts.size() || topK <= 0 || topK > experts.size()) {
            throw new IllegalArgumentException("[BUG] router " + java.util.Arrays.toString(router.shape()) + " for "
                    + experts.size() + " experts, top-" + topK);
        }
        this.router = router;
        this.experts = List.copyOf(experts);
        this.topK = topK;
        this.sharedExpert = sharedExpert;
        this.sharedGate = sharedGate;
    }

    /** Loads {@code prefix = "...layers.i.mlp."}: fused or per-expert tensors, split per expert at load. */
    public static SparseMoe load(WeightUploader weights, String prefix, MoeConfig moe, int hidden,
            boolean fusedExperts) {
        List<Mlp> experts = fusedExperts
                ? ExpertWeights.splitFused(weights, prefix + "experts.", moe.numExperts(), moe.moeIntermediateSize(),
                        hidden)
                : ExpertWeights.perExpert(weights, prefix + "experts.", moe.numExperts());
        return new SparseMoe(weights.matrix(prefix + "gate.weight"), experts, moe.numExpertsPerTok(),
                Mlp.load(weights, prefix + "shared_expert."), weights.matrix(prefix + "shared_expert_gate.weight"));
    }

    @Override
    public Tensor forward(Backend backend, Tensor x, String name, ActivationTap tap) {
        Ops ops = backend.ops();
        int n = x.rows();
        int[] choice = new int[n * topK];
        float[] weight = new float[n * topK];
        try (Tensor logits = backend.allocate(DType.F32, n, experts.size())) {
            ops.matmul(x, router, logits);
            tap.accept(name + ".router_logits", logits);
            ops.topKRouting(logits, topK, choice, weight);
        }
        Tensor out = sharedExpert.forward(backend, x, name + ".shared_expert", tap);
        try (Tensor gate = backend.allocate(DType.F32, n, 1)) {
            ops.matmul(x, sharedGate, gate);
            ops.scaleRowsBySigmoid(out, gate, out);
        }
        for (int e = 0; e < experts.size(); e++) {
            addExpert(backend, x, e, choice, weight, out);
        }
        return out;
    }

    /** Runs expert e on the rows that chose it and adds its weighted output to those rows of out. */
    private void addExpert(Backend backend, Tensor x, int e, int[] choice, float[] weight, Tensor out) {
        int count = 0;
        for (int c : choice) {
            count += c == e ? 1 : 0;
        }
        if (count == 0) {
            return;
        }
        int[] rows = new int[count];
        float[] rowWeights = new float[count];
        for (int i = 0, j = 0; i < choice.length; i++) {
            if (choice[i] == e) {
                rows[j] = i / topK;
                rowWeights[j++] = weight[i];
            }
        }
        Ops ops = backend.ops();
        try (Tensor picked = backend.allocate(DType.F32, count, x.rowSize())) {
            ops.gatherRows(x, rows, picked);
            try (Tensor y = experts.get(e).forward(backend, picked, "", ActivationTap.NONE)) {
                ops.scatterAddRows(y, rows, rowWeights, out);
            }
        }
    }
}
