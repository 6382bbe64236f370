package io.sparkinfer.kernels.reference;

import io.sparkinfer.kernels.host.DeltaRuleChecks;
import io.sparkinfer.kernels.host.HostTensor;

/**
 * The operands of one delta-rule call (both forms), checked by {@link DeltaRuleChecks}, with readers by
 * (token, head, index) so the algorithms read like the spec. q, k [L, nk * dk]; v [L, nv * dv]; g, beta [L, nv];
 * state [nv, dk, dv]; out [L, nv * dv]; value head j uses key head j / (nv / nk).
 */
final class DeltaRuleOperands {
    final int length;
    final int keyHeads;
    final int valueHeads;
    final int keyDim;
    final int valueDim;
    private final HostTensor q;
    private final HostTensor k;
    private final HostTensor v;
    private final HostTensor g;
    private final HostTensor beta;
    private final HostTensor state;
    private final HostTensor out;

    DeltaRuleOperands(DeltaRuleChecks.DeltaRule checked) {
        q = checked.q();
        k = checked.k();
        v = checked.v();
        g = checked.g();
        beta = checked.beta();
        state = checked.state();
        out = checked.out();
        length = checked.length();
        keyHeads = checked.keyHeads();
        valueHeads = checked.valueHeads();
        keyDim = checked.keyDim();
        valueDim = checked.valueDim();
    }

    int keyHeadOf(int valueHead) {
        return valueHead / (valueHeads / keyHeads);
    }

    double q(int t, int keyHead, int i) {
        return q.f32()[q.offset() + (t * keyHeads + keyHead) * keyDim + i];
    }

    double k(int t, int keyHead, int i) {
        return k.f32()[k.offset() + (t * keyHeads + keyHead) * keyDim + i];
    }

    double v(int t, int valueHead, int j) {
        return v.f32()[v.offset() + (t * valueHeads + valueHead) * valueDim + j];
    }

    double g(int t, int valueHead) {
        return g.f32()[g.offset() + t * valueHeads + valueHead];
    }

    double beta(int t, int valueHead) {
        return beta.f32()[beta.offset() + t * valueHeads + valueHead];
    }

    void setOut(int t, int valueHead, int j, double value) {
        out.f32()[out.offset() + (t * valueHeads + valueHead) * valueDim + j] = (float) value;
    }

    /** The state of one value head, S [dk][dv], widened to double for this call. */
    double[][] loadState(int valueHead) {
        double[][] s = new double[keyDim][valueDim];
        int base = state.offset() + valueHead * keyDim * valueDim;
        for (int i = 0; i < keyDim; i++) {
            for (int j = 0; j < valueDim; j++) {
                s[i][j] = state.f32()[base + i * valueDim + j];
            }
        }
        return s;
    }

    void storeState(int valueHead, double[][] s) {
        int base = state.offset() + valueHead * keyDim * valueDim;
        for (int i = 0; i < keyDim; i++) {
            for (int j = 0; j < valueDim; j++) {
                state.f32()[base + i * valueDim + j] = (float) s[i][j];
            }
        }
    }
}
