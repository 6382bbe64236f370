package io.sparkinfer.kernels.reference;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.DeltaRuleChecks;
import io.sparkinfer.kernels.host.OpCall;

/**
 * The gated delta rule in chunks of C tokens (spec 2.3, "Chunked form"), per value head, in double. Within a
 * chunk with local indices i, j: Γ_i = Σ_{s≤i} g_s, D_ij = exp(Γ_i − Γ_j) for j ≤ i;
 * A = strictly lower (β_i k_i·k_j) D_ij, T = (I + A)⁻¹, U = T (β ⊙ V), W = T (β ⊙ K ⊙ exp(Γ)),
 * Intra = (q_i·k_j) D_ij for j ≤ i. Chunk by chunk, with the carried state S:
 * V' = U − W S; O = (Q ⊙ exp(Γ)) S + Intra V'; S = exp(Γ_{C−1}) S + (K ⊙ exp(Γ_{C−1} − Γ))ᵀ V'.
 * The last chunk is padded with g = β = 0 and q = k = v = 0, which leaves the state unchanged.
 */
final class RefDeltaRuleChunked {

    private RefDeltaRuleChunked() {}

    static void chunked(Tensor q, Tensor k, Tensor v, Tensor g, Tensor beta, Tensor state, int numKeyHeads,
            int numValueHeads, int chunkSize, Tensor out) {
        OpCall call = new OpCall("deltaRuleChunked", "q", q, "k", k, "v", v, "g", g, "beta", beta,
                "state", state, "numKeyHeads", numKeyHeads, "numValueHeads", numValueHeads,
                "chunkSize", chunkSize, "out", out);
        DeltaRuleOperands in = new DeltaRuleOperands(DeltaRuleChecks.operands(call, q, k, v, g, beta, state,
                numKeyHeads, numValueHeads, out));
        call.require(chunkSize > 0, "chunkSize must be positive");
        for (int h = 0; h < in.valueHeads; h++) {
            double[][] s = in.loadState(h);
            for (int first = 0; first < in.length; first += chunkSize) {
                chunk(in, h, first, chunkSize, s);
            }
            in.storeState(h, s);
        }
    }

    /** Writes the outputs of tokens first .. first + c - 1 (those inside the sequence) and advances s. */
    private static void chunk(DeltaRuleOperands in, int h, int first, int c, double[][] s) {
        int kh = in.keyHeadOf(h);
        int dk = in.keyDim;
        int dv = in.valueDim;
        int valid = Math.min(c, in.length - first);
        // The chunk's inputs, zero past the sequence end (the padding).
        double[][] q = new double[c][dk];
        double[][] k = new double[c][dk];
        double[][] v = new double[c][dv];
        double[] g = new double[c];
        double[] beta = new double[c];
        for (int i = 0; i < valid; i++) {
            for (int d = 0; d < dk; d++) {
                q[i][d] = in.q(first + i, kh, d);
                k[i][d] = in.k(first + i, kh, d);
            }
            for (int e = 0; e < dv; e++) {
                v[i][e] = in.v(first + i, h, e);
            }
            g[i] = in.g(first + i, h);
            beta[i] = in.beta(first + i, h);
        }

        double[] gamma = new double[c];
        double sum = 0;
        for (int i = 0; i < c; i++) {
            sum += g[i];
            gamma[i] = sum;
        }
        double[][] decay = new double[c][c]; // D, zero above the diagonal
        double[][] a = new double[c][c];
        double[][] intra = new double[c][c];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j <= i; j++) {
                decay[i][j] = Math.exp(gamma[i] - gamma[j]);
                intra[i][j] = dot(q[i], k[j]) * decay[i][j];
                if (j < i) {
                    a[i][j] = beta[i] * dot(k[i], k[j]) * decay[i][j];
                }
            }
        }
        double[][] t = inverseOfIdentityPlusStrictlyLower(a);

        double[][] betaV = new double[c][dv];
        double[][] betaKDecayed = new double[c][dk];
        for (int j = 0; j < c; j++) {
            for (int e = 0; e < dv; e++) {
                betaV[j][e] = beta[j] * v[j][e];
            }
            for (int d = 0; d < dk; d++) {
                betaKDecayed[j][d] = beta[j] * k[j][d] * Math.exp(gamma[j]);
            }
        }
        double[][] u = multiply(t, betaV);
        double[][] w = multiply(t, betaKDecayed);

        double[][] vPrime = subtract(u, multiply(w, s));
        double[][] qDecayed = new double[c][dk];
        for (int i = 0; i < c; i++) {
            for (int d = 0; d < dk; d++) {
                qDecayed[i][d] = q[i][d] * Math.exp(gamma[i]);
            }
        }
        double[][] o = add(multiply(qDecayed, s), multiply(intra, vPrime));
        for (int i = 0; i < valid; i++) {
            for (int e = 0; e < dv; e++) {
                in.setOut(first + i, h, e, o[i][e]);
            }
        }

        double last = gamma[c - 1];
        for (int d = 0; d < dk; d++) {
            for (int e = 0; e < dv; e++) {
                double carried = Math.exp(last) * s[d][e];
                for (int i = 0; i < c; i++) {
                    carried += k[i][d] * Math.exp(last - gamma[i]) * vPrime[i][e];
                }
                s[d][e] = carried;
            }
        }
    }

    /** T = (I + A)⁻¹ for a strictly lower triangular A, by forward substitution: T_i = e_i − Σ_{j<i} A_ij T_j. */
    static double[][] inverseOfIdentityPlusStrictlyLower(double[][] a) {
        int n = a.length;
        double[][] t = new double[n][n];
        for (int i = 0; i < n; i++) {
            t[i][i] = 1;
            for (int j = 0; j < i; j++) {
                for (int col = 0; col <= j; col++) {
                    t[i][col] -= a[i][j] * t[j][col];
                }
            }
        }
        return t;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int inner = b.length;
        int cols = inner == 0 ? 0 : b[0].length;
        double[][] product = new double[a.length][cols];
        for (int i = 0; i < a.length; i++) {
            for (int m = 0; m < inner; m++) {
                for (int j = 0; j < cols; j++) {
                    product[i][j] += a[i][m] * b[m][j];
                }
            }
        }
        return product;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] sum = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            sum[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                sum[i][j] = a[i][j] + b[i][j];
            }
        }
        return sum;
    }

    private static double[][] subtract(double[][] a, double[][] b) {
        double[][] difference = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            difference[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                difference[i][j] = a[i][j] - b[i][j];
            }
        }
        return difference;
    }
}
