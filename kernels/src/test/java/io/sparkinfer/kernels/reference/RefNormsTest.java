package io.sparkinfer.kernels.reference;

import static io.sparkinfer.kernels.reference.Fixtures.BACKEND;
import static io.sparkinfer.kernels.reference.Fixtures.OPS;
import static io.sparkinfer.kernels.reference.Fixtures.f32;
import static io.sparkinfer.kernels.reference.Fixtures.read;
import static io.sparkinfer.kernels.reference.Fixtures.zeros;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RefNormsTest {
    private final Random random = new Random(31);

    @Test
    void rmsNormOfAHandCheckableRow() {
        Tensor x = f32(new float[] {3, 4}, 1, 2);
        OPS.rmsNorm(x, f32(new float[] {1, 2}, 2), 0f, x); // mean(x²) = 12.5
        double rms = Math.sqrt(12.5);
        Approx.assertF32(new double[] {3 / rms, 8 / rms}, read(x), "rmsNorm");
    }

    @Test
    void rmsNormPerRowAndPerHeadMatchesTheFormula() {
        float[] x = Fixtures.gaussian(random, 3 * 12);
        for (int group : new int[] {12, 4}) { // the whole row (layer norm), then per head of 4 (q/k norm)
            Tensor w = BACKEND.fromFloats(Fixtures.uniform(random, group, 0.5, 1.5), DType.BF16, group);
            float[] wValues = read(w);
            Tensor out = zeros(3, 12);
            OPS.rmsNorm(f32(x, 3, 12), w, 1e-6f, out);
            Approx.assertF32(expectedNorm(x, group, wValues, null, 1e-6), read(out), "rmsNorm group " + group);
        }
    }

    @Test
    void gatedRmsNormMultipliesBySiluOfZ() {
        float[] x = Fixtures.gaussian(random, 2 * 8);
        float[] z = Fixtures.gaussian(random, 2 * 8);
        float[] w = Fixtures.uniform(random, 4, 0.5, 1.5);
        Tensor out = f32(x, 2, 8);
        OPS.gatedRmsNorm(out, f32(z, 2, 8), f32(w, 4), 1e-6f, out);
        Approx.assertF32(expectedNorm(x, 4, w, z, 1e-6), read(out), "gatedRmsNorm");
    }

    @Test
    void l2NormOfAHandCheckableGroup() {
        Tensor out = zeros(1, 4);
        OPS.l2Norm(f32(new float[] {3, 4, 0, 2}, 1, 4), 2, 0f, 2f, out);
        Approx.assertF32(new double[] {1.2, 1.6, 0, 2}, read(out), "l2Norm");
    }

    @Test
    void l2NormPutsEpsInsideTheSumOfSquares() {
        float[] x = Fixtures.gaussian(random, 2 * 6);
        Tensor out = zeros(2, 6);
        OPS.l2Norm(f32(x, 2, 6), 3, 0.25f, 0.5f, out);
        double[] expected = new double[x.length];
        for (int g = 0; g < x.length; g += 3) {
            double sum = 0;
            for (int j = 0; j < 3; j++) {
                sum += (double) x[g + j] * x[g + j];
            }
            for (int j = 0; j < 3; j++) {
                expected[g + j] = x[g + j] / Math.sqrt(sum + 0.25) * 0.5;
            }
        }
        Approx.assertF32(expected, read(out), "l2Norm");
    }

    @Test
    void softmaxIsStableForLargeLogitsAndSumsToOne() {
        Tensor x = f32(new float[] {1000, 1001, 1000, -5, 0, 5}, 2, 3);
        OPS.softmax(x, x);
        double e = Math.E;
        double[] expected = {1 / (2 + e), e / (2 + e), 1 / (2 + e), Math.exp(-10) / (1 + Math.exp(-5) + Math.exp(-10)),
            Math.exp(-5) / (1 + Math.exp(-5) + Math.exp(-10)), 1 / (1 + Math.exp(-5) + Math.exp(-10))};
        float[] got = read(x);
        Approx.assertF32(expected, got, "softmax");
        assertEquals(1.0, got[0] + got[1] + got[2], 1e-6);
    }

    @Test
    void softmaxGivesMinusInfinityZeroWeight() {
        Tensor out = zeros(1, 3);
        OPS.softmax(f32(new float[] {Float.NEGATIVE_INFINITY, 0, 0}, 1, 3), out);
        Approx.assertF32(new double[] {0, 0.5, 0.5}, read(out), "softmax with -inf");
    }

    @Test
    void aGroupThatDoesNotDivideTheRowIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OPS.rmsNorm(zeros(2, 10), zeros(4), 1e-6f, zeros(2, 10)));
        assertTrue(e.getMessage().startsWith("rmsNorm: w's 4 values (the group size) must divide x's row size 10"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OPS.l2Norm(zeros(2, 10), 3, 1e-6f, 1f, zeros(2, 10)));
        assertThrows(IllegalArgumentException.class,
                () -> OPS.gatedRmsNorm(zeros(2, 8), zeros(2, 4), zeros(4), 1e-6f, zeros(2, 8)));
    }

    /** x / sqrt(mean(x²) + eps) * w (* silu(z)), per group, in double. */
    private static double[] expectedNorm(float[] x, int group, float[] w, float[] z, double eps) {
        double[] out = new double[x.length];
        for (int g = 0; g < x.length; g += group) {
            double sum = 0;
            for (int j = 0; j < group; j++) {
                sum += (double) x[g + j] * x[g + j];
            }
            double rms = Math.sqrt(sum / group + eps);
            for (int j = 0; j < group; j++) {
                out[g + j] = x[g + j] / rms * w[j] * (z == null ? 1 : Fixtures.silu(z[g + j]));
            }
        }
        return out;
    }
}
