package io.sparkinfer.kernels.host;

import io.sparkinfer.kernels.api.Tensor;
import java.util.Arrays;

/**
 * The argument checks of the gated delta rule (both forms). q, k [L, nk * dk]; v [L, nv * dv]; g, beta [L, nv];
 * state [nv, dk, dv]; out [L, nv * dv]; nv a multiple of nk.
 */
public final class DeltaRuleChecks {

    private DeltaRuleChecks() {}

    /** The checked operands, with the layout arithmetic kernels read them by. */
    public record DeltaRule(HostTensor q, HostTensor k, HostTensor v, HostTensor g, HostTensor beta,
            HostTensor state, HostTensor out, int length, int keyHeads, int valueHeads, int keyDim, int valueDim) {

        /** The key head value head {@code valueHead} reads (HF's grouped order). */
        public int keyHeadOf(int valueHead) {
            return valueHead / (valueHeads / keyHeads);
        }

        /** Where token t's q (or k: same layout) of key head kh starts, relative to the view's offset. */
        public int keyAt(int t, int kh) {
            return (t * keyHeads + kh) * keyDim;
        }

        /** Where token t's v (or out: same layout) of value head h starts, relative to the view's offset. */
        public int valueAt(int t, int h) {
            return (t * valueHeads + h) * valueDim;
        }

        public float g(int t, int h) {
            return g.f32()[g.offset() + t * valueHeads + h];
        }

        public float beta(int t, int h) {
            return beta.f32()[beta.offset() + t * valueHeads + h];
        }
    }

    public static DeltaRule recurrent(Tensor q, Tensor k, Tensor v, Tensor g, Tensor beta, Tensor state,
            int numKeyHeads, int numValueHeads, Tensor out) {
        OpCall call = new OpCall("deltaRuleRecurrent", "q", q, "k", k, "v", v, "g", g, "beta", beta,
                "state", state, "numKeyHeads", numKeyHeads, "numValueHeads", numValueHeads, "out", out);
        return operands(call, q, k, v, g, beta, state, numKeyHeads, numValueHeads, out);
    }

    /** The checks of the tensors and head counts, for a call that checks its own extra arguments after. */
    public static DeltaRule operands(OpCall call, Tensor qT, Tensor kT, Tensor vT, Tensor gT, Tensor betaT,
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
        return new DeltaRule(q, k, v, g, beta, state, out, length, numKeyHeads, numValueHeads, dk, dv);
    }
}
