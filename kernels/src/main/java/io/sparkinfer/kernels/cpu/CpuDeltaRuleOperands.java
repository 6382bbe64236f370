package io.sparkinfer.kernels.cpu;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.HostTensor;
import java.util.Arrays;

/**
 * The checked operands of a delta-rule call: q, k [L, nk * dk]; v [L, nv * dv]; g, beta [L, nv]; state
 * [nv, dk, dv]; out [L, nv * dv], all F32, the outputs sharing nothing with the inputs or each other. Checked
 * here, before any thread starts.
 */
record CpuDeltaRuleOperands(HostTensor q, HostTensor k, HostTensor v, HostTensor g, HostTensor beta,
        HostTensor state, HostTensor out, int keyHeads, int valueHeads, int keyDim, int valueDim) {

    static CpuDeltaRuleOperands check(CpuArgs call, Tensor qT, Tensor kT, Tensor vT, Tensor gT, Tensor betaT,
            Tensor stateT, int numKeyHeads, int numValueHeads, Tensor outT) {
        HostTensor q = call.f32("q", qT);
        HostTensor k = call.f32("k", kT);
        HostTensor v = call.f32("v", vT);
        HostTensor g = call.f32("g", gT);
        HostTensor beta = call.f32("beta", betaT);
        HostTensor state = call.f32("state", stateT);
        HostTensor out = call.f32("out", outT);
        call.require(numKeyHeads > 0 && numValueHeads > 0 && numValueHeads % numKeyHeads == 0,
                "numValueHeads must be a positive multiple of numKeyHeads");
        int length = q.rows();
        call.require(q.rowSize() % numKeyHeads == 0 && q.rowSize() > 0, "q's row size " + q.rowSize()
                + " must be numKeyHeads * dk with dk >= 1");
        call.require(v.rowSize() % numValueHeads == 0 && v.rowSize() > 0, "v's row size " + v.rowSize()
                + " must be numValueHeads * dv with dv >= 1");
        int dk = q.rowSize() / numKeyHeads;
        int dv = v.rowSize() / numValueHeads;
        call.sameShape("k", k, "q", q);
        call.expect("v", v, length, numValueHeads * dv);
        call.expect("g", g, length, numValueHeads);
        call.expect("beta", beta, length, numValueHeads);
        call.require(state.rows() == numValueHeads && state.rowSize() == dk * dv,
                "state must be [numValueHeads=" + numValueHeads + ", dk=" + dk + ", dv=" + dv + "], got "
                        + Arrays.toString(state.shape()));
        call.expect("out", out, length, numValueHeads * dv);
        String[] names = {"q", "k", "v", "g", "beta"};
        HostTensor[] inputs = {q, k, v, g, beta};
        for (int i = 0; i < inputs.length; i++) {
            call.disjoint("out", out, names[i], inputs[i]);
            call.disjoint("state", state, names[i], inputs[i]);
        }
        call.disjoint("out", out, "state", state);
        return new CpuDeltaRuleOperands(q, k, v, g, beta, state, out, numKeyHeads, numValueHeads, dk, dv);
    }

    int length() {
        return q.rows();
    }

    int keyHeadOf(int valueHead) {
        return valueHead / (valueHeads / keyHeads);
    }

    /** Where token t's q (or k: same layout) of key head kh starts, relative to the view's offset. */
    int keyAt(int t, int kh) {
        return t * keyHeads * keyDim + kh * keyDim;
    }

    /** Where token t's v (or out: same layout) of value head h starts, relative to the view's offset. */
    int valueAt(int t, int h) {
        return (t * valueHeads + h) * valueDim;
    }

    float g(int t, int h) {
        return g.f32()[g.offset() + t * valueHeads + h];
    }

    float beta(int t, int h) {
        return beta.f32()[beta.offset() + t * valueHeads + h];
    }
}
