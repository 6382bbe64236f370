package io.sparkinfer.kernels.reference;

import static io.sparkinfer.kernels.reference.Fixtures.OPS;
import static io.sparkinfer.kernels.reference.Fixtures.f32;
import static io.sparkinfer.kernels.reference.Fixtures.read;
import static io.sparkinfer.kernels.reference.Fixtures.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RefConvTest {
    private static final int C = 5;
    private static final int K = 4;
    private static final int L = 9;

    private final Random random = new Random(61);
    private final float[] x = Fixtures.gaussian(random, L * C);
    private final float[] w = Fixtures.gaussian(random, C * K);

    @Test
    void oneTapIsSiluOfTheScaledInput() {
        Tensor out = zeros(2, 1);
        OPS.causalConv1d(f32(new float[] {1, -2}, 2, 1), f32(new float[] {3}, 1, 1), zeros(0, 1), out);
        Approx.assertF32(new double[] {Fixtures.silu(3), Fixtures.silu(-6)}, read(out), "K = 1");
    }

    @Test
    void matchesTheCausalSumOverZeroHistoryAndKeepsTheLastInputs() {
        Tensor state = zeros(K - 1, C);
        Tensor out = zeros(L, C);
        OPS.causalConv1d(f32(x, L, C), f32(w, C, K), state, out);

        double[] expected = new double[L * C];
        for (int t = 0; t < L; t++) {
            for (int c = 0; c < C; c++) {
                double sum = 0;
                for (int j = 0; j < K; j++) {
                    int time = t - (K - 1) + j; // tap K - 1 is the current token
                    sum += time < 0 ? 0 : (double) w[c * K + j] * x[time * C + c];
                }
                expected[t * C + c] = Fixtures.silu(sum);
            }
        }
        Approx.assertF32(expected, read(out), "conv");
        assertArrayEquals(Fixtures.rowsOf(x, C, L - (K - 1), K - 1), read(state), "state = last K - 1 inputs");
    }

    @Test
    void splittingTheSequenceAcrossCallsEqualsOneCall() {
        Tensor weights = bf16Weights(w);
        Tensor whole = zeros(L, C);
        Tensor wholeState = zeros(K - 1, C);
        OPS.causalConv1d(f32(x, L, C), weights, wholeState, whole);

        for (int[] parts : new int[][] {{4, 5}, {1, 8}, {2, 1, 6}, {1, 1, 1, 1, 1, 1, 1, 1, 1}}) {
            Tensor state = zeros(K - 1, C);
            Tensor pieces = zeros(L, C);
            int from = 0;
            for (int part : parts) {
                OPS.causalConv1d(f32(x, L, C).rows(from, part), weights, state, pieces.rows(from, part));
                from += part;
            }
            assertArrayEquals(read(whole), read(pieces), "split " + Arrays.toString(parts));
            assertArrayEquals(read(wholeState), read(state), "state after " + Arrays.toString(parts));
        }
    }

    @Test
    void theOutputMayNotBeTheInputAndShapesMustFit() {
        Tensor xs = f32(x, L, C);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OPS.causalConv1d(xs, f32(w, C, K), zeros(K - 1, C), xs));
        assertTrue(e.getMessage().startsWith("causalConv1d: out shares data with x"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> OPS.causalConv1d(xs, f32(w, C, K), zeros(K, C), zeros(L, C)));
        assertTrue(e.getMessage().contains("state must hold 3 rows of 5 values, got shape [4, 5]"), e.getMessage());
    }

    /** The conv weights of a checkpoint stay BF16. */
    private static Tensor bf16Weights(float[] values) {
        return Fixtures.BACKEND.fromFloats(values, DType.BF16, C, K);
    }
}
