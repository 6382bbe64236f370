package io.sparkinfer.kernels.reference;

import static io.sparkinfer.kernels.reference.Fixtures.OPS;
import static io.sparkinfer.kernels.reference.Fixtures.f32;
import static io.sparkinfer.kernels.reference.Fixtures.gaussian;
import static io.sparkinfer.kernels.reference.Fixtures.read;
import static io.sparkinfer.kernels.reference.Fixtures.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vision-tower ops against values and identities computed independently of their code. */
class RefVisionOpsTest {

    @Test
    void erfMatchesTabulatedValues() {
        // Values from standard tables (Abramowitz & Stegun 7.1), to 16 digits.
        double[][] table = {{0, 0}, {0.5, 0.5204998778130465}, {1, 0.8427007929497149}, {2, 0.9953222650189527},
                {-3, -0.9999779095030014}, {4, 0.9999999845827421}};
        for (double[] row : table) {
            assertEquals(row[1], Erf.erf(row[0]), 1e-15, "erf(" + row[0] + ")");
        }
        assertEquals(1.0, Erf.erf(7), 0);
    }

    @Test
    void geluErfAndGeluTanhFollowTheirFormulas() {
        float[] xs = {0f, (float) Math.sqrt(2), -2f, 3.5f, -0.25f};
        Tensor x = f32(xs, 1, xs.length);
        Tensor exact = zeros(1, xs.length);
        Tensor tanh = zeros(1, xs.length);
        OPS.geluErf(x, exact);
        OPS.geluTanh(x, tanh);
        float[] e = read(exact);
        float[] t = read(tanh);
        assertEquals(Math.sqrt(2) * 0.5 * (1 + 0.8427007929497149), e[1], 1e-6);
        for (int i = 0; i < xs.length; i++) {
            double v = xs[i];
            double tanhForm = 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
            assertEquals(tanhForm, t[i], 1e-6, "geluTanh(" + v + ")");
            assertEquals(e[i], t[i], 1e-3, "the tanh form approximates the exact GELU at " + v);
        }
        // gelu(x) - gelu(-x) = x for both forms (erf and tanh are odd).
        Tensor negated = f32(new float[] {-xs[3]}, 1, 1);
        Tensor out = zeros(1, 1);
        OPS.geluErf(negated, out);
        assertEquals(xs[3], e[3] - read(out)[0], 1e-6);
    }

    @Test
    void addBiasAddsTheVectorToEveryRow() {
        Tensor x = f32(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor bias = Fixtures.BACKEND.fromFloats(new float[] {0.5f, -1f, 2f}, DType.BF16, 3);
        OPS.addBias(x, bias, x);
        assertArrayEquals(new float[] {1.5f, 1f, 5f, 4.5f, 4f, 8f}, read(x));
        assertThrows(IllegalArgumentException.class, () -> OPS.addBias(x, f32(new float[2], 2), zeros(2, 3)));
    }

    @Test
    void layerNormGivesZeroMeanUnitVarianceThenScalesAndShifts() {
        Random random = new Random(7);
        int group = 24;
        float[] values = gaussian(random, 8 * group);
        for (int i = 0; i < values.length; i++) {
            values[i] = values[i] * 3 + 5; // far from normalised
        }
        Tensor x = f32(values, 8, group);
        Tensor plain = zeros(8, group);
        OPS.layerNorm(x, f32(ones(group), group), f32(new float[group], group), 0f, plain);
        float[] p = read(plain);
        for (int r = 0; r < 8; r++) {
            double mean = 0;
            double squares = 0;
            for (int j = 0; j < group; j++) {
                mean += p[r * group + j];
                squares += (double) p[r * group + j] * p[r * group + j];
            }
            assertEquals(0, mean / group, 1e-6, "row " + r + " mean");
            assertEquals(1, squares / group, 1e-5, "row " + r + " variance");
        }
        float[] w = gaussian(random, group);
        float[] b = gaussian(random, group);
        Tensor merged = zeros(2, 4 * group); // the merger reads 4 normalised rows as one
        OPS.layerNorm(x, f32(w, group), f32(b, group), 1e-6f, merged);
        float[] m = read(merged);
        for (int i = 0; i < m.length; i++) {
            int j = i % group;
            assertEquals(p[i] * w[j] + b[j], m[i], 2e-5, "value " + i);
        }
    }

    @Test
    void rope2dTurnsRowSlotsByTheRowAndColumnSlotsByTheColumn() {
        int headDim = 16;
        double theta = 10000;
        for (int f = 0; f < headDim / 2; f++) {
            float[] unit = new float[2 * headDim]; // two heads, both e_f
            unit[f] = 1;
            unit[headDim + f] = 1;
            Tensor x = f32(unit, 1, 2 * headDim);
            OPS.rope2d(x, new int[] {3, 5}, headDim, theta);
            int quarter = headDim / 4;
            double angle = (f < quarter ? 3 : 5) * Math.pow(theta, -2.0 * (f % quarter) / (headDim / 2));
            float[] out = read(x);
            for (int h = 0; h < 2; h++) {
                assertEquals(Math.cos(angle), out[h * headDim + f], 1e-6, "slot " + f + " head " + h);
                assertEquals(Math.sin(angle), out[h * headDim + f + headDim / 2], 1e-6, "pair of slot " + f);
            }
        }
    }

    @Test
    void rope2dScoresDependOnlyOnTheOffsetBetweenPatches() {
        Random random = new Random(9);
        int headDim = 24;
        float[] q = gaussian(random, headDim);
        float[] k = gaussian(random, headDim);
        double first = rotatedDot(q, k, new int[] {2, 7, 1, 4}, headDim);  // q at (2, 1), k at (7, 4)
        double second = rotatedDot(q, k, new int[] {5, 10, 3, 6}, headDim); // both moved by (3, 2)
        double other = rotatedDot(q, k, new int[] {5, 10, 1, 6}, headDim);
        assertEquals(first, second, 1e-5);
        assertEquals(true, Math.abs(first - other) > 1e-3, "another offset gives another score");
    }

    private static double rotatedDot(float[] q, float[] k, int[] positions, int headDim) {
        float[] both = new float[2 * headDim];
        System.arraycopy(q, 0, both, 0, headDim);
        System.arraycopy(k, 0, both, headDim, headDim);
        Tensor x = f32(both, 2, headDim);
        OPS.rope2d(x, positions, headDim, 10000);
        float[] out = read(x);
        double dot = 0;
        for (int d = 0; d < headDim; d++) {
            dot += (double) out[d] * out[headDim + d];
        }
        return dot;
    }

    @Test
    void bidirectionalAttentionLastRowEqualsCausalAttentionAndEarlyRowsSeeLaterKeys() {
        Random random = new Random(11);
        int n = 5;
        int heads = 2;
        int headDim = 8;
        Tensor q = f32(gaussian(random, n * heads * headDim), n, heads * headDim);
        Tensor k = f32(gaussian(random, n * heads * headDim), n, heads * headDim);
        Tensor v = f32(gaussian(random, n * heads * headDim), n, heads * headDim);
        Tensor full = zeros(n, heads * headDim);
        Tensor causal = zeros(n, heads * headDim);
        OPS.bidirectionalAttention(q, k, v, heads, headDim, 0.3f, full);
        OPS.attention(q, k, v, 0, heads, heads, headDim, 0.3f, causal);
        float[] f = read(full);
        float[] c = read(causal);
        int last = (n - 1) * heads * headDim;
        for (int i = last; i < f.length; i++) {
            assertEquals(c[i], f[i], 1e-6, "last row value " + i);
        }
        boolean firstRowDiffers = false;
        for (int i = 0; i < heads * headDim; i++) {
            firstRowDiffers |= Math.abs(c[i] - f[i]) > 1e-4;
        }
        assertEquals(true, firstRowDiffers, "the first row must see the later keys");
        // Zero queries weigh every key alike: the output is the mean of the value rows.
        Tensor zeroQ = zeros(n, heads * headDim);
        OPS.bidirectionalAttention(zeroQ, k, v, heads, headDim, 1f, full);
        float[] mean = read(full);
        float[] vs = read(v);
        for (int col = 0; col < heads * headDim; col++) {
            double sum = 0;
            for (int r = 0; r < n; r++) {
                sum += vs[r * heads * headDim + col];
            }
            assertEquals(sum / n, mean[2 * heads * headDim + col], 1e-6, "column " + col);
        }
    }

    @Test
    void scatterRowsOverwritesTheListedRowsOnly() {
        Tensor dst = f32(new float[] {1, 1, 2, 2, 3, 3, 4, 4}, 4, 2);
        Tensor src = f32(new float[] {9, 8, 7, 6}, 2, 2);
        OPS.scatterRows(src, new int[] {3, 1}, dst);
        assertArrayEquals(new float[] {1, 1, 7, 6, 3, 3, 9, 8}, read(dst));
        assertThrows(IllegalArgumentException.class, () -> OPS.scatterRows(src, new int[] {2, 2}, dst));
        assertThrows(IllegalArgumentException.class, () -> OPS.scatterRows(src, new int[] {0, 4}, dst));
    }

    private static float[] ones(int n) {
        float[] out = new float[n];
        java.util.Arrays.fill(out, 1f);
        return out;
    }
}
