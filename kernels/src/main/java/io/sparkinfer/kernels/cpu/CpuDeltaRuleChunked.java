package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.CpuChunkProducts.multiplyAdd;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.cpu.CpuChunkProducts.Strided;
import java.util.Arrays;

/**
 * The gated delta rule in chunks (spec 2.3, "Chunked form"), in f32, as matrix products per chunk: the value
 * heads are split across threads and each head runs its chunks in order, so its results depend on nothing but
 * its own inputs. Within a chunk of n tokens (the last one simply shorter: padding with g = β = 0 and
 * q = k = v = 0 would change nothing), with Γ_i = Σ_{s≤i} g_s and D_ij = exp(Γ_i − Γ_j) for j ≤ i:
 * A = strictly lower (β_i k_i·k_j) D_ij, T = (I + A)⁻¹, U = T (β ⊙ V), W = T (β ⊙ K ⊙ e^Γ),
 * V' = U − W S, O = (Q ⊙ e^Γ) S + (lower (q_i·k_j) D_ij) V', S ← e^{Γ_last} S + (K ⊙ e^{Γ_last − Γ})ᵀ V'.
 * Every decay is the exp of a difference Γ_i − Γ_j (or Γ_i − 0, the chunk start), never a quotient, so nothing
 * overflows; one below the smallest normal float is taken as 0.
 */
final class CpuDeltaRuleChunked {

    /** Below this exp is subnormal in f32: slow to compute with and far below the output's rounding. */
    private static final double LOG_MIN_NORMAL = Math.log(Float.MIN_NORMAL);

    private static final ThreadLocal<Scratch> SCRATCH = new ThreadLocal<>();

    private CpuDeltaRuleChunked() {}

    static void chunked(CpuPool pool, Tensor qT, Tensor kT, Tensor vT, Tensor gT, Tensor betaT, Tensor stateT,
            int numKeyHeads, int numValueHeads, int chunkSize, Tensor outT) {
        CpuArgs call = new CpuArgs("deltaRuleChunked", "q", qT, "k", kT, "v", vT, "g", gT, "beta", betaT,
                "state", stateT, "numKeyHeads", numKeyHeads, "numValueHeads", numValueHeads,
                "chunkSize", chunkSize, "out", outT);
        CpuDeltaRuleOperands in = CpuDeltaRuleOperands.check(call, qT, kT, vT, gT, betaT, stateT, numKeyHeads,
                numValueHeads, outT);
        call.require(chunkSize > 0, "chunkSize must be positive (64 is the usual), got " + chunkSize);
        int length = in.length();
        int chunk = Math.max(1, Math.min(chunkSize, length)); // one chunk holds the whole of a shorter sequence
        pool.forEachRange(in.valueHeads(), 1, (part, from, to) -> {
            Scratch s = Scratch.forThisThread(chunk, in.keyDim(), in.valueDim());
            for (int h = from; h < to; h++) {
                for (int first = 0; first < length; first += chunk) {
                    chunk(in, s, h, first, Math.min(chunk, length - first));
                }
            }
        });
    }

    /** Writes the outputs of tokens first .. first + n - 1 of value head h and advances its state. */
    private static void chunk(CpuDeltaRuleOperands in, Scratch s, int h, int first, int n) {
        int dk = in.keyDim();
        int dv = in.valueDim();
        double[] gamma = s.gamma;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += in.g(first + i, h);
            gamma[i] = sum;
        }
        lowerMatrices(in, s, h, first, n);
        invertIdentityPlus(s.t, s.row, n);
        scaledInputs(in, s, h, first, n);

        float[] state = in.state().f32();
        Strided stateOfHead = Strided.rows(state, in.state().offset() + h * dk * dv, dv);
        Strided t = Strided.rows(s.t, 0, n);
        Strided vPrime = Strided.rows(s.vPrime, 0, dv);
        Strided w = Strided.rows(s.w, 0, dk);
        // V' = T (β V) − T (β K e^Γ) S
        Arrays.fill(s.vPrime, 0, n * dv, 0f);
        multiplyAdd(t, Strided.rows(s.betaV, 0, dv), vPrime, n, n, dv, true, 1f);
        Arrays.fill(s.w, 0, n * dk, 0f);
        multiplyAdd(t, Strided.rows(s.keyScaled, 0, dk), w, n, n, dk, true, 1f);
        multiplyAdd(w, stateOfHead, vPrime, n, dk, dv, false, -1f);

        // O = (Q e^Γ) S + Intra V', straight into the output rows
        float[] out = in.out().f32();
        int outAt = in.out().offset() + in.valueAt(first, h);
        int outRow = in.valueHeads() * dv;
        for (int i = 0; i < n; i++) {
            Arrays.fill(out, outAt + i * outRow, outAt + i * outRow + dv, 0f);
        }
        Strided o = Strided.rows(out, outAt, outRow);
        multiplyAdd(Strided.rows(s.queryDecayed, 0, dk), stateOfHead, o, n, dk, dv, false, 1f);
        multiplyAdd(Strided.rows(s.intra, 0, n), vPrime, o, n, n, dv, true, 1f);

        // S = e^{Γ_last} S + (K e^{Γ_last − Γ})ᵀ V'
        float[] k = in.k().f32();
        int kh = in.keyHeadOf(h);
        double last = gamma[n - 1];
        for (int i = 0; i < n; i++) {
            int kAt = in.k().offset() + in.keyAt(first + i, kh);
            CpuVectors.scale(k, kAt, decay(last - gamma[i]), s.keyScaled, i * dk, dk);
        }
        float stateDecay = decay(last);
        for (int d = 0; d < dk; d++) {
            int rowAt = stateOfHead.index(d, 0);
            CpuVectors.scale(state, rowAt, stateDecay, state, rowAt, dv);
        }
        multiplyAdd(Strided.transposed(s.keyScaled, 0, dk), vPrime, stateOfHead, dk, n, dv, false, 1f);
    }

    /**
     * A (into {@code s.t}, strictly lower) and Intra (lower with its diagonal), both n × n and zero above: a
     * block of rows of a lower product reads there.
     */
    private static void lowerMatrices(CpuDeltaRuleOperands in, Scratch s, int h, int first, int n) {
        int dk = in.keyDim();
        int kh = in.keyHeadOf(h);
        float[] q = in.q().f32();
        float[] k = in.k().f32();
        for (int i = 0; i < n; i++) {
            int qi = in.q().offset() + in.keyAt(first + i, kh);
            int ki = in.k().offset() + in.keyAt(first + i, kh);
            float beta = in.beta(first + i, h);
            for (int j = 0; j <= i; j++) {
                int kj = in.k().offset() + in.keyAt(first + j, kh);
                float d = decay(s.gamma[i] - s.gamma[j]);
                boolean gone = d == 0f; // skip the dot products of a fully decayed pair
                s.intra[i * n + j] = gone ? 0f : CpuVectors.dot(q, qi, k, kj, dk, s.lanes) * d;
                s.t[i * n + j] = gone || j == i ? 0f : beta * CpuVectors.dot(k, ki, k, kj, dk, s.lanes) * d;
            }
            Arrays.fill(s.intra, i * n + i + 1, (i + 1) * n, 0f);
            Arrays.fill(s.t, i * n + i + 1, (i + 1) * n, 0f);
        }
    }

    /**
     * Replaces the strictly lower A in {@code m} by T = (I + A)⁻¹, row by row: T_i = e_i − Σ_{j<i} A_ij T_j
     * (row i of A is read whole before T_i is written over it).
     */
    static void invertIdentityPlus(float[] m, float[] row, int n) {
        for (int i = 0; i < n; i++) {
            Arrays.fill(row, 0, i, 0f);
            row[i] = 1f;
            for (int j = 0; j < i; j++) {
                float a = m[i * n + j];
                if (a != 0f) {
                    CpuVectors.axpy(-a, m, j * n, row, 0, j + 1);
                }
            }
            System.arraycopy(row, 0, m, i * n, i + 1);
        }
    }

    /** β V, β K e^Γ and Q e^Γ of the chunk's tokens, as rows. */
    private static void scaledInputs(CpuDeltaRuleOperands in, Scratch s, int h, int first, int n) {
        int dk = in.keyDim();
        int dv = in.valueDim();
        int kh = in.keyHeadOf(h);
        for (int i = 0; i < n; i++) {
            int t = first + i;
            float beta = in.beta(t, h);
            float fromStart = decay(s.gamma[i]);
            CpuVectors.scale(in.v().f32(), in.v().offset() + in.valueAt(t, h), beta, s.betaV, i * dv, dv);
            CpuVectors.scale(in.k().f32(), in.k().offset() + in.keyAt(t, kh), beta * fromStart, s.keyScaled,
                    i * dk, dk);
            CpuVectors.scale(in.q().f32(), in.q().offset() + in.keyAt(t, kh), fromStart, s.queryDecayed, i * dk,
                    dk);
        }
    }

    /** exp(logDecay) for a log decay ≤ 0, 0 where that is not a normal float. */
    private static float decay(double logDecay) {
        return logDecay < LOG_MIN_NORMAL ? 0f : (float) Math.exp(logDecay);
    }

    /** One thread's buffers, kept between calls and grown when a call needs more. */
    private static final class Scratch {
        final double[] gamma;
        final float[] t; // A, then T in place
        final float[] intra;
        final float[] row;
        final float[] betaV;
        final float[] keyScaled; // β K e^Γ, later K e^{Γ_last − Γ}
        final float[] queryDecayed;
        final float[] w;
        final float[] vPrime;
        final float[] lanes = new float[CpuVectors.LANES];
        private final int chunk;
        private final int keyDim;
        private final int valueDim;

        private Scratch(int chunk, int keyDim, int valueDim) {
            this.chunk = chunk;
            this.keyDim = keyDim;
            this.valueDim = valueDim;
            gamma = new double[chunk];
            t = new float[chunk * chunk];
            intra = new float[chunk * chunk];
            row = new float[chunk];
            betaV = new float[chunk * valueDim];
            keyScaled = new float[chunk * keyDim];
            queryDecayed = new float[chunk * keyDim];
            w = new float[chunk * keyDim];
            vPrime = new float[chunk * valueDim];
        }

        static Scratch forThisThread(int chunk, int keyDim, int valueDim) {
            Scratch s = SCRATCH.get();
            if (s == null || s.chunk < chunk || s.keyDim < keyDim || s.valueDim < valueDim) {
                s = s == null ? new Scratch(chunk, keyDim, valueDim) : new Scratch(Math.max(chunk, s.chunk),
                        Math.max(keyDim, s.keyDim), Math.max(valueDim, s.valueDim));
                SCRATCH.set(s);
            }
            return s;
        }
    }
}
