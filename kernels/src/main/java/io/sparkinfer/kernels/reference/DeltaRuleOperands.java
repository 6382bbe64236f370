package io.sparkinfer.kernels.reference;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.HostTensor;

/**
 * The checked operands of one delta-rule call (both forms), with readers by (token, head, index) so the
 * algorithms read like the spec. q, k [L, nk * dk]; v [L, nv * dv]; g, beta [L, nv]; state [nv, dk, dv];
 * out [L, nv * dv]; value head j uses key head j / (nv / nk).
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

    DeltaRuleOperands(OpCall call, Tensor qT, Tensor kT, Tensor vT, Tensor gT, Tensor betaT, Tensor stateT,
            int numKeyHeads, int numValueHeads, Tensor outT) {
        q = call.f32("q", qT);
        k = call.f32("k", kT);
        v = call.f32("v", vT);
        g = call.f32("g", gT);
        beta = call.f32("beta", betaT);
        state = call.f32("state", stateT);
        out = call.f32("out", outT);
        call.require(numKeyHeads > 0 && numValueHeads > 0 && numValueHeads % numKeyHeads == 0,
                "numValueHeads must be a positive multiple of numKeyHeads");
        length = q.rows();
        keyHeads = numKeyHeads;
        valueHeads = numValueHeads;
        call.require(q.rowSize() % numKeyHeads == 0 && q.rowSize() > 0, "q's row size " + q.rowSize()
                + " must be numKeyHeads * dk with dk >= 1");
        call.require(v.rowSize() % numValueHeads == 0 && v.rowSize() > 0, "v's row size " + v.rowSize()
                + " must be numValueHeads * dv with dv >= 1");
        keyDim = q.rowSize() / numKeyHeads;
        valueDim = v.rowSize() / numValueHeads;
        call.sameShape("k", k, "q", q);
        call.expect("v", v, length, numValueHeads * valueDim);
        call.expect("g", g, length, numValueHeads);
        call.expect("beta", beta, length, numValueHeads);
        call.require(state.rows() == numValueHeads && state.rowSize() == keyDim * valueDim,
                "state must be [numValueHeads=" + numValueHeads + ", dk=" + keyDim + ", dv=" + valueDim + "]");
        call.expect("out", out, length, numValueHeads * valueDim);
        String[] names = {"q", "k", "v", "g", "beta"};
        HostTensor[] inputs = {q, k, v, g, beta};
        for (int i = 0; i < inputs.length; i++) {
            call.disjoint("out", out, names[i], inputs[i]);
            call.disjoint("state", state, names[i], inputs[i]);
        }
        call.disjoint("out", out, "state", state);
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
