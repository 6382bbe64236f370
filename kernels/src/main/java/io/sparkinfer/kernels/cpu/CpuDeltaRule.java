package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.CpuVectors.F;
import static io.sparkinfer.kernels.cpu.CpuVectors.LANES;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.HostTensor;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * The gated delta rule token by token (spec 2.3 step 7), the value heads split across threads. Each head's
 * state S [dk, dv] is updated in place, in f32, with vectors along dv, in two passes per token: decay S and read
 * it with k (the prediction), then write the scaled error and read S with q.
 */
final class CpuDeltaRule {

    private CpuDeltaRule() {}

    static void recurrent(CpuPool pool, Tensor qT, Tensor kT, Tensor vT, Tensor gT, Tensor betaT, Tensor stateT,
            int numKeyHeads, int numValueHeads, Tensor outT) {
        CpuArgs call = new CpuArgs("deltaRuleRecurrent", "q", qT, "k", kT, "v", vT, "g", gT, "beta", betaT,
                "state", stateT, "numKeyHeads", numKeyHeads, "numValueHeads", numValueHeads, "out", outT);
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

        int group = numValueHeads / numKeyHeads;
        pool.forEachRange(numValueHeads, 1, (part, from, to) -> {
            float[] error = new float[dv];
            for (int h = from; h < to; h++) {
                head(q, k, v, g, beta, state, out, h, h / group, dk, dv, error);
            }
        });
    }

    /** All tokens of value head h (key head kh). */
    private static void head(HostTensor q, HostTensor k, HostTensor v, HostTensor g, HostTensor beta,
            HostTensor state, HostTensor out, int h, int kh, int dk, int dv, float[] error) {
        float[] s = state.f32();
        int s0 = state.offset() + h * dk * dv;
        int valueHeads = state.rows();
        for (int t = 0; t < q.rows(); t++) {
            int qkAt = q.rowSize() * t + kh * dk; // same layout for q and k
            int kAt = k.offset() + qkAt;
            int qAt = q.offset() + qkAt;
            float decay = (float) Math.exp(g.f32()[g.offset() + t * valueHeads + h]);
            float b = beta.f32()[beta.offset() + t * valueHeads + h];
            // S = decay * S; error = S^T k_t (the prediction, for now)
            Arrays.fill(error, 0f);
            for (int i = 0; i < dk; i++) {
                decayAndRead(s, s0 + i * dv, decay, k.f32()[kAt + i], error, dv);
            }
            // error = beta * (v_t - prediction)
            int vAt = v.offset() + (t * valueHeads + h) * dv;
            for (int j = 0; j < dv; j++) {
                error[j] = b * (v.f32()[vAt + j] - error[j]);
            }
            // S += k_t error^T; o_t = S^T q_t
            int oAt = out.offset() + (t * valueHeads + h) * dv;
            Arrays.fill(out.f32(), oAt, oAt + dv, 0f);
            for (int i = 0; i < dk; i++) {
                writeAndRead(s, s0 + i * dv, k.f32()[kAt + i], error, q.f32()[qAt + i], out.f32(), oAt, dv);
            }
        }
    }

    /** {@code row *= decay; acc += key * row} over one state row. */
    private static void decayAndRead(float[] s, int rowAt, float decay, float key, float[] acc, int dv) {
        FloatVector vd = FloatVector.broadcast(F, decay);
        FloatVector vk = FloatVector.broadcast(F, key);
        int j = 0;
        for (int bound = dv - LANES; j <= bound; j += LANES) {
            FloatVector row = FloatVector.fromArray(F, s, rowAt + j).mul(vd);
            row.intoArray(s, rowAt + j);
            row.fma(vk, FloatVector.fromArray(F, acc, j)).intoArray(acc, j);
        }
        for (; j < dv; j++) {
            float row = s[rowAt + j] * decay;
            s[rowAt + j] = row;
            acc[j] = Math.fma(row, key, acc[j]);
        }
    }

    /** {@code row += key * error; o += query * row} over one state row. */
    private static void writeAndRead(float[] s, int rowAt, float key, float[] error, float query, float[] o, int oAt,
            int dv) {
        FloatVector vk = FloatVector.broadcast(F, key);
        FloatVector vq = FloatVector.broadcast(F, query);
        int j = 0;
        for (int bound = dv - LANES; j <= bound; j += LANES) {
            FloatVector row = FloatVector.fromArray(F, error, j).fma(vk, FloatVector.fromArray(F, s, rowAt + j));
            row.intoArray(s, rowAt + j);
            row.fma(vq, FloatVector.fromArray(F, o, oAt + j)).intoArray(o, oAt + j);
        }
        for (; j < dv; j++) {
            float row = Math.fma(error[j], key, s[rowAt + j]);
            s[rowAt + j] = row;
            o[oAt + j] = Math.fma(row, query, o[oAt + j]);
        }
    }
}
