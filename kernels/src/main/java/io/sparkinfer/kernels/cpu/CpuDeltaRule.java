package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.CpuVectors.F;
import static io.sparkinfer.kernels.cpu.CpuVectors.LANES;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.DeltaRuleChecks;
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
        DeltaRuleChecks.DeltaRule args = DeltaRuleChecks.recurrent(qT, kT, vT, gT, betaT, stateT, numKeyHeads,
                numValueHeads, outT);
        HostTensor q = args.q();
        HostTensor k = args.k();
        HostTensor v = args.v();
        HostTensor g = args.g();
        HostTensor beta = args.beta();
        HostTensor state = args.state();
        HostTensor out = args.out();
        int dk = args.keyDim();
        int dv = args.valueDim();
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
