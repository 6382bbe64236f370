package io.sparkinfer.kernels.reference;

import static io.sparkinfer.kernels.reference.Fixtures.OPS;
import static io.sparkinfer.kernels.reference.Fixtures.f32;
import static io.sparkinfer.kernels.reference.Fixtures.read;
import static io.sparkinfer.kernels.reference.Fixtures.zeros;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.kernels.api.Tensor;
import org.junit.jupiter.api.Test;

class RefDeltaRuleTest {

    @Test
    void oneTokenFromAnEmptyStateReadsBetaTimesQDotKTimesV() {
        Tensor state = zeros(1, 2, 2);
        Tensor out = zeros(1, 2);
        OPS.deltaRuleRecurrent(f32(new float[] {1, 0}, 1, 2), f32(new float[] {0.6f, 0.8f}, 1, 2),
                f32(new float[] {2, 3}, 1, 2), f32(new float[] {-1}, 1, 1), f32(new float[] {0.5f}, 1, 1), state, 1, 1,
                out);
        // S = beta k vᵀ (the decay acts on the empty state), o = Sᵀ q = beta (q·k) v
        Approx.assertF32(new double[] {0.6, 0.9}, read(out), "out");
        Approx.assertF32(new double[] {0.6, 0.9, 0.8, 1.2}, read(state), "state");
    }

    @Test
    void recurrentMatchesTheMatrixFormOfTheRuleInDouble() {
        DeltaRuleInputs in = DeltaRuleInputs.random(71, 12, 2, 4, 3, 5);
        DeltaRuleInputs.Result got = in.run(0);
        double[] out = new double[in.length() * in.valueHeads() * in.valueDim()];
        double[] state = matrixForm(in, out);
        Approx.assertClose(out, got.out(), 1e-6, 1e-7, "out");
        Approx.assertClose(state, got.state(), 1e-6, 1e-7, "state");
    }

    @Test
    void chunkedEqualsRecurrent() {
        for (int length : new int[] {150, 1, 5}) {
            DeltaRuleInputs in = DeltaRuleInputs.random(72 + length, length, 2, 4, 6, 5);
            DeltaRuleInputs.Result recurrent = in.run(0);
            for (int chunk : new int[] {1, 3, 64}) {
                DeltaRuleInputs.Result chunked = in.run(chunk);
                String what = "L = " + length + ", chunk " + chunk;
                Approx.assertClose(recurrent.out(), chunked.out(), 1e-5, 0, what + ": out");
                Approx.assertClose(recurrent.state(), chunked.state(), 1e-5, 0, what + ": state");
            }
        }
    }

    @Test
    void splittingTheSequenceCarriesTheStateLikeOneCall() {
        DeltaRuleInputs in = DeltaRuleInputs.random(73, 150, 2, 4, 6, 5);
        for (int chunk : new int[] {0, 3, 64}) { // 0: recurrent
            DeltaRuleInputs.Result whole = in.run(chunk);
            for (int first : new int[] {1, 70, 149}) {
                DeltaRuleInputs.Result head = in.slice(0, first, in.state()).run(chunk);
                DeltaRuleInputs.Result tail = in.slice(first, 150 - first, head.state()).run(chunk);
                float[] joined = new float[whole.out().length];
                System.arraycopy(head.out(), 0, joined, 0, head.out().length);
                System.arraycopy(tail.out(), 0, joined, head.out().length, tail.out().length);
                String what = (chunk == 0 ? "recurrent" : "chunk " + chunk) + ", split after " + first;
                Approx.assertClose(whole.out(), joined, 1e-5, 0, what + ": out");
                Approx.assertClose(whole.state(), tail.state(), 1e-5, 0, what + ": state");
            }
        }
    }

    @Test
    void shapesAndHeadCountsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OPS.deltaRuleRecurrent(zeros(3, 8), zeros(3, 8), zeros(3, 12), zeros(3, 4), zeros(3, 4),
                        zeros(4, 4, 4), 2, 4, zeros(3, 12)));
        assertTrue(e.getMessage().startsWith("deltaRuleRecurrent: state must be [numValueHeads=4, dk=4, dv=3]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> OPS.deltaRuleChunked(zeros(3, 8), zeros(3, 8), zeros(3, 9), zeros(3, 3), zeros(3, 3),
                        zeros(3, 4, 3), 2, 3, 4, zeros(3, 9)));
        assertTrue(e.getMessage().contains("positive multiple of numKeyHeads"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> OPS.deltaRuleChunked(zeros(3, 8), zeros(3, 8), zeros(3, 12), zeros(3, 4), zeros(3, 4),
                        zeros(4, 4, 3), 2, 4, 0, zeros(3, 12)));
        assertTrue(e.getMessage().startsWith("deltaRuleChunked: chunkSize must be positive"), e.getMessage());
    }

    /** S_t = exp(g_t) (I − β_t k_t k_tᵀ) S_{t−1} + β_t k_t v_tᵀ and o_t = S_tᵀ q_t: fills out, returns S_L. */
    private static double[] matrixForm(DeltaRuleInputs in, double[] out) {
        int dk = in.keyDim();
        int dv = in.valueDim();
        int nv = in.valueHeads();
        int nk = in.keyHeads();
        double[] finalState = new double[nv * dk * dv];
        for (int h = 0; h < nv; h++) {
            int kh = h / (nv / nk);
            double[][] s = new double[dk][dv];
            for (int i = 0; i < dk; i++) {
                for (int j = 0; j < dv; j++) {
                    s[i][j] = in.state()[(h * dk + i) * dv + j];
                }
            }
            for (int t = 0; t < in.length(); t++) {
                double[] k = new double[dk];
                double[] q = new double[dk];
                for (int i = 0; i < dk; i++) {
                    k[i] = in.k()[(t * nk + kh) * dk + i];
                    q[i] = in.q()[(t * nk + kh) * dk + i];
                }
                double beta = in.beta()[t * nv + h];
                double decay = Math.exp(in.g()[t * nv + h]);
                double[][] next = new double[dk][dv];
                for (int i = 0; i < dk; i++) {
                    for (int j = 0; j < dv; j++) {
                        double projected = s[i][j]; // ((I − β k kᵀ) S)[i][j]
                        for (int m = 0; m < dk; m++) {
                            projected -= beta * k[i] * k[m] * s[m][j];
                        }
                        next[i][j] = decay * projected + beta * k[i] * in.v()[(t * nv + h) * dv + j];
                    }
                }
                s = next;
                for (int j = 0; j < dv; j++) {
                    for (int i = 0; i < dk; i++) {
                        out[(t * nv + h) * dv + j] += s[i][j] * q[i];
                    }
                }
            }
            for (int i = 0; i < dk; i++) {
                for (int j = 0; j < dv; j++) {
                    finalState[(h * dk + i) * dv + j] = s[i][j];
                }
            }
        }
        return finalState;
    }
}
