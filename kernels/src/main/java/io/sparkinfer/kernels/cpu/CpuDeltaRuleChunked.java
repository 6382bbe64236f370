package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.CpuChunkProducts.multiplyAdd;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.DeltaRuleChecks;
import io.sparkinfer.kernels.host.DeltaRuleChecks.DeltaRule;
import io.sparkinfer.kernels.host.OpCall;
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
 * overflows. A decay below 2^−50 is taken as 0, and so is an entry of T whose decay D_ij is: such a term is
 * 2^−26 of f32's rounding, and the cut keeps every product of two decayed factors (A·T, T·β K e^Γ) at least
 * 2^−100, far from f32's subnormals (below 2^−126), which the CPU handles up to a hundred times slower and
 * which realistic gates (g down to −5, a chunk decaying by e^−300) would otherwise fill the matrices with.
 */
final class CpuDeltaRuleChunked {

    /** ln 2^−50: decays below this are negligible (see the class comment). */
    private static final double LOG_NEGLIGIBLE = -50 * Math.log(2);

    private static final ThreadLocal<Scratch> SCRATCH = new ThreadLocal<>();

    private CpuDeltaRuleChunked() {}

    static void chunked(CpuPool pool, Tensor qT, Tensor kT, Tensor vT, Tensor gT, Tensor betaT, Tensor stateT,
            int numKeyHeads, int numValueHeads, int chunkSize, Tensor outT) {
        OpCall call = new OpCall("deltaRuleChunked", "q", qT, "k", kT, "v", vT, "g", gT, "beta", betaT,
                "state", stateT, "numKeyHeads", numKeyHeads, "numValueHeads", numValueHeads,
                "chunkSize", chunkSize, "out", outT);
        DeltaRule in = DeltaRuleChecks.operands(call, qT, kT, vT, gT, betaT, stateT, numKeyHeads,
                numValueHeads, outT);
        call.require(chunkSize > 0, "chunkSize must be positive");
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
    private static void chunk(DeltaRule in, Scratch s, int h, int first, int n) {
        int dk = in.keyDim();
        int dv = in.valueDim();
        double[] gamma = s.gamma;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += in.g(first + i, h);
            gamma[i] = sum;
        }
        lowerMatrices(in, s, h, first, n);
        invertIdentityPlus(s.t, s.row, gamma, n);
        scaledInputs(in, s, h, first, n);

        // Rows past the last token the incoming state still reaches have Q e^Γ = 0 and a negligible W: the
        // products with S skip them.
        int reached = 0;
        for (int i = 0; i < n; i++) {
            reached = decay(gamma[i]) == 0f ? reached : i + 1;
        }
        Strided state = Strided.rows(in.state().f32(), in.state().offset() + h * dk * dv, dv);
        correctedValues(s, state, n, reached, dk, dv);
        output(in, s, state, h, first, n, reached);
        advanceState(in, s, state, h, first, n);
    }

    /** V' = T (β V) − T (β K e^Γ) S, the second term as (−W) S over the rows the state reaches. */
    private static void correctedValues(Scratch s, Strided state, int n, int reached, int dk, int dv) {
        Strided t = Strided.rows(s.t, 0, n);
        Strided w = Strided.rows(s.w, 0, dk);
        Arrays.fill(s.vPrime, 0, n * dv, 0f);
        multiplyAdd(t, Strided.rows(s.betaV, 0, dv), Strided.rows(s.vPrime, 0, dv), n, n, dv, true);
        Arrays.fill(s.w, 0, reached * dk, 0f);
        multiplyAdd(t, Strided.rows(s.keyScaled, 0, dk), w, reached, n, dk, true);
        CpuVectors.scale(s.w, 0, -1f, s.w, 0, reached * dk);
        multiplyAdd(w, state, Strided.rows(s.vPrime, 0, dv), reached, dk, dv, false);
    }

    /** O = (Q e^Γ) S + Intra V', straight into the output rows. */
    private static void output(DeltaRule in, Scratch s, Strided state, int h, int first, int n,
            int reached) {
        int dk = in.keyDim();
        int dv = in.valueDim();
        float[] out = in.out().f32();
        int outAt = in.out().offset() + in.valueAt(first, h);
        int outRow = in.valueHeads() * dv;
        for (int i = 0; i < n; i++) {
            Arrays.fill(out, outAt + i * outRow, outAt + i * outRow + dv, 0f);
        }
        Strided o = Strided.rows(out, outAt, outRow);
        multiplyAdd(Strided.rows(s.queryDecayed, 0, dk), state, o, reached, dk, dv, false);
        multiplyAdd(Strided.rows(s.intra, 0, n), Strided.rows(s.vPrime, 0, dv), o, n, n, dv, true);
    }

    /** S = e^{Γ_last} S + (K e^{Γ_last − Γ})ᵀ V', over the tokens whose write still reaches the chunk's end. */
    private static void advanceState(DeltaRule in, Scratch s, Strided state, int h, int first, int n) {
        int dk = in.keyDim();
        int dv = in.valueDim();
        float[] k = in.k().f32();
        int kh = in.keyHeadOf(h);
        double last = s.gamma[n - 1];
        int firstReaching = n;
        for (int i = n - 1; i >= 0; i--) {
            float d = decay(last - s.gamma[i]);
            CpuVectors.scale(k, in.k().offset() + in.keyAt(first + i, kh), d, s.keyScaled, i * dk, dk);
            firstReaching = d == 0f ? firstReaching : i;
        }
        float stateDecay = decay(last);
        for (int d = 0; d < dk; d++) {
            int rowAt = state.index(d, 0);
            CpuVectors.scale(state.values(), rowAt, stateDecay, state.values(), rowAt, dv);
        }
        multiplyAdd(Strided.transposed(s.keyScaled, firstReaching * dk, dk),
                Strided.rows(s.vPrime, firstReaching * dv, dv), state, dk, n - firstReaching, dv, false);
    }

    /**
     * A (into {@code s.t}, strictly lower) and Intra (lower with its diagonal), both n × n and zero above (a
     * pair of rows of a lower product reads there), from the products Q Kᵀ and K Kᵀ of the chunk's rows.
     */
    private static void lowerMatrices(DeltaRule in, Scratch s, int h, int first, int n) {
        int dk = in.keyDim();
        int kh = in.keyHeadOf(h);
        int keyRow = in.keyHeads() * dk;
        float[] k = in.k().f32();
        int k0 = in.k().offset() + in.keyAt(first, kh);
        for (int j = 0; j < n; j++) {
            for (int d = 0; d < dk; d++) {
                s.keysTransposed[d * n + j] = k[k0 + j * keyRow + d];
            }
        }
        Arrays.fill(s.intra, 0, n * n, 0f);
        Arrays.fill(s.t, 0, n * n, 0f);
        Strided keysTransposed = Strided.rows(s.keysTransposed, 0, n);
        multiplyAdd(Strided.rows(in.q().f32(), in.q().offset() + in.keyAt(first, kh), keyRow), keysTransposed,
                Strided.rows(s.intra, 0, n), n, dk, n, false);
        multiplyAdd(Strided.rows(k, k0, keyRow), keysTransposed, Strided.rows(s.t, 0, n), n, dk, n, false);
        for (int i = 0; i < n; i++) {
            float beta = in.beta(first + i, h);
            for (int j = 0; j <= i; j++) {
                float d = decay(s.gamma[i] - s.gamma[j]);
                int at = i * n + j;
                s.intra[at] = d == 0f ? 0f : s.intra[at] * d;
                s.t[at] = d == 0f || j == i ? 0f : beta * s.t[at] * d;
            }
            Arrays.fill(s.intra, i * n + i + 1, (i + 1) * n, 0f);
            Arrays.fill(s.t, i * n + i + 1, (i + 1) * n, 0f);
        }
    }

    /**
     * Replaces the strictly lower A in {@code m} by T = (I + A)⁻¹, row by row: T_i = e_i − Σ_{j<i} A_ij T_j
     * (row i of A is read whole before T_i is written over it). T_ij carries the decay D_ij, so it is cut to 0
     * where that is negligible.
     */
    private static void invertIdentityPlus(float[] m, float[] row, double[] gamma, int n) {
        for (int i = 0; i < n; i++) {
            Arrays.fill(row, 0, i, 0f);
            row[i] = 1f;
            for (int j = 0; j < i; j++) {
                float a = m[i * n + j];
                if (a != 0f) {
                    CpuVectors.axpy(-a, m, j * n, row, 0, j + 1);
                }
            }
            for (int j = 0; j < i; j++) {
                if (gamma[i] - gamma[j] < LOG_NEGLIGIBLE) {
                    row[j] = 0f;
                }
            }
            System.arraycopy(row, 0, m, i * n, i + 1);
        }
    }

    /** β V, β K e^Γ and Q e^Γ of the chunk's tokens, as rows. */
    private static void scaledInputs(DeltaRule in, Scratch s, int h, int first, int n) {
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

    /** exp(logDecay) for a log decay ≤ 0, or 0 where that is negligible. */
    private static float decay(double logDecay) {
        return logDecay < LOG_NEGLIGIBLE ? 0f : (float) Math.exp(logDecay);
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
        final float[] keysTransposed;
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
            keysTransposed = new float[keyDim * chunk];
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
