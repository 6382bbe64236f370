package io.sparkinfer.kernels.reference;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.OpCall;
import io.sparkinfer.kernels.host.HostTensor;

/** Mixture-of-experts routing: softmax over all experts, the k most probable, renormalised. */
final class RefMoe {

    private RefMoe() {}

    /**
     * For each row r of logits [n, E]: p = softmax(row) (in double), then k times the largest remaining p
     * (the lower expert index on equal p), each weight p_e / Σ_{chosen} p. Choice i of row r goes to
     * experts[r * k + i] and weights[r * k + i], largest first.
     */
    static void topKRouting(Tensor logitsT, int k, int[] experts, float[] weights) {
        OpCall call = new OpCall("topKRouting", "logits", logitsT, "k", k, "experts", experts,
                "weights", weights);
        HostTensor logits = call.f32("logits", logitsT);
        call.notNull("experts", experts);
        call.notNull("weights", weights);
        int n = logits.rows();
        int numExperts = logits.rowSize();
        call.require(k >= 1 && k <= numExperts, "k must be in [1, " + numExperts + "] (the number of experts)");
        call.require(experts.length >= n * k && weights.length >= n * k,
                "experts and weights must each hold at least n * k = " + n * k + " values");

        double[] p = new double[numExperts];
        boolean[] taken = new boolean[numExperts];
        int[] chosen = new int[k];
        for (int r = 0; r < n; r++) {
            for (int e = 0; e < numExperts; e++) {
                p[e] = logits.f32()[logits.offset() + r * numExperts + e];
                taken[e] = false;
            }
            RefNorms.softmaxInPlace(p, numExperts);
            double chosenSum = 0;
            for (int i = 0; i < k; i++) {
                int best = -1;
                for (int e = 0; e < numExperts; e++) {
                    if (!taken[e] && (best < 0 || p[e] > p[best])) { // strict: the lower index wins a tie
                        best = e;
                    }
                }
                taken[best] = true;
                chosen[i] = best;
                chosenSum += p[best];
            }
            for (int i = 0; i < k; i++) {
                experts[r * k + i] = chosen[i];
                weights[r * k + i] = (float) (p[chosen[i]] / chosenSum);
            }
        }
    }
}
