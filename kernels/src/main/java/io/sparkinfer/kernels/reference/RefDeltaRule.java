package io.sparkinfer.kernels.reference;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.DeltaRuleChecks;

/**
 * The gated delta rule token by token (spec 2.3 step 7). Per value head, with the state S [dk, dv] held in
 * double for the call: decay S by exp(g_t), read S with k_t, write the prediction error, read with q_t.
 */
final class RefDeltaRule {

    private RefDeltaRule() {}

    static void recurrent(Tensor q, Tensor k, Tensor v, Tensor g, Tensor beta, Tensor state, int numKeyHeads,
            int numValueHeads, Tensor out) {
        DeltaRuleOperands in = new DeltaRuleOperands(DeltaRuleChecks.recurrent(q, k, v, g, beta, state,
                numKeyHeads, numValueHeads, out));
        int dk = in.keyDim;
        int dv = in.valueDim;
        double[] error = new double[dv];
        for (int h = 0; h < in.valueHeads; h++) {
            int kh = in.keyHeadOf(h);
            double[][] s = in.loadState(h);
            for (int t = 0; t < in.length; t++) {
                double decay = Math.exp(in.g(t, h));
                double b = in.beta(t, h);
                for (int i = 0; i < dk; i++) {
                    for (int j = 0; j < dv; j++) {
                        s[i][j] *= decay;
                    }
                }
                // u = v_t - Sᵀ k_t: what the state predicts for this key, subtracted from the value
                for (int j = 0; j < dv; j++) {
                    double predicted = 0;
                    for (int i = 0; i < dk; i++) {
                        predicted += s[i][j] * in.k(t, kh, i);
                    }
                    error[j] = in.v(t, h, j) - predicted;
                }
                // S += k_t (beta_t u)ᵀ
                for (int i = 0; i < dk; i++) {
                    double kb = in.k(t, kh, i) * b;
                    for (int j = 0; j < dv; j++) {
                        s[i][j] += kb * error[j];
                    }
                }
                // o_t = Sᵀ q_t, after the write
                for (int j = 0; j < dv; j++) {
                    double o = 0;
                    for (int i = 0; i < dk; i++) {
                        o += s[i][j] * in.q(t, kh, i);
                    }
                    in.setOut(t, h, j, o);
                }
            }
            in.storeState(h, s);
        }
    }
}
