package io.sparkinfer.kernels.cpu;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.DeltaRuleChecks;
import io.sparkinfer.kernels.host.HostTensor;
import io.sparkinfer.kernels.host.OpCall;

/**
 * The checked operands of a delta-rule call: q, k [L, nk * dk]; v [L, nv * dv]; g, beta [L, nv]; state
 * [nv, dk, dv]; out [L, nv * dv], all F32, the outputs sharing nothing with the inputs or each other. Checked
 * before any thread starts.
 */
record CpuDeltaRuleOperands(HostTensor q, HostTensor k, HostTensor v, HostTensor g, HostTensor beta,
        HostTensor state, HostTensor out, int keyHeads, int valueHeads, int keyDim, int valueDim) {

    /** The shared delta-rule checks ({@link DeltaRuleChecks}), as the layout helpers the cpu kernel reads with. */
    static CpuDeltaRuleOperands check(OpCall call, Tensor qT, Tensor kT, Tensor vT, Tensor gT, Tensor betaT,
            Tensor stateT, int numKeyHeads, int numValueHeads, Tensor outT) {
        DeltaRuleChecks.DeltaRule d = DeltaRuleChecks.operands(call, qT, kT, vT, gT, betaT, stateT, numKeyHeads,
                numValueHeads, outT);
        return new CpuDeltaRuleOperands(d.q(), d.k(), d.v(), d.g(), d.beta(), d.state(), d.out(), d.keyHeads(),
                d.valueHeads(), d.keyDim(), d.valueDim());
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
