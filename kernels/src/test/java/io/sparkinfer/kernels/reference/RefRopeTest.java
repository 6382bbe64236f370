package io.sparkinfer.kernels.reference;

import static io.sparkinfer.kernels.reference.Fixtures.OPS;
import static io.sparkinfer.kernels.reference.Fixtures.f32;
import static io.sparkinfer.kernels.reference.Fixtures.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.kernels.api.RopeSpec;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RefRopeTest {
    private final Random random = new Random(41);

    @Test
    void oneSlotTurnsAPairByThePosition() {
        Tensor x = f32(new float[] {1, 0, 0, 2}, 2, 2); // two rows, one head of 2: the pair (0, 1)
        OPS.rope(x, new int[] {1, 3, 1, 3, 1, 3}, new RopeSpec(2, 2, 10000, new int[] {1, 0, 0}));
        // slot 0 has inverse frequency 1: angles 1 and 3 radians
        Approx.assertF32(new double[] {Math.cos(1), Math.sin(1), -2 * Math.sin(3), 2 * Math.cos(3)}, read(x), "rope");
    }

    @Test
    void equalTextPositionsArePlainRotateHalfRopeOnTheRotaryDimsOnly() {
        RopeSpec spec = new RopeSpec(16, 12, 1e7, new int[] {2, 2, 2});
        int n = 5;
        int heads = 3;
        float[] x = Fixtures.gaussian(random, n * heads * 16);
        int[] tokens = {0, 1, 7, 4096, 250_000};
        int[] positions = new int[3 * n];
        for (int axis = 0; axis < 3; axis++) {
            System.arraycopy(tokens, 0, positions, axis * n, n);
        }
        Tensor t = f32(x, n, heads * 16);
        OPS.rope(t, positions, spec);
        Approx.assertClose(plainRope(x, tokens, n, heads, 16, 12, 1e7), read(t), 1e-6, 1e-6, "1-D rope");
    }

    @Test
    void distinctPositionsUseTheAxisOfEachFrequencySlot() {
        // section [2, 1, 1] over 4 slots: slot 0 T, 1 H (1 % 3 == 1, 1 < 3), 2 W (2 % 3 == 2, 2 < 3), 3 T
        RopeSpec spec = new RopeSpec(8, 8, 100, new int[] {2, 1, 1});
        assertArrayEquals(new int[] {0, 1, 2, 0}, new int[] {spec.axisOf(0), spec.axisOf(1), spec.axisOf(2),
            spec.axisOf(3)});
        float[] x = Fixtures.gaussian(random, 2 * 8);
        int[] positions = {3, 9, 20, 40, 100, 200}; // t = (3, 9), h = (20, 40), w = (100, 200)
        Tensor t = f32(x, 2, 8);
        OPS.rope(t, positions, spec);

        int[][] axisByRow = {{3, 20, 100, 3}, {9, 40, 200, 9}};
        double[] expected = new double[x.length];
        for (int r = 0; r < 2; r++) {
            rotateHead(x, r * 8, 8, axisByRow[r], 100, expected);
        }
        Approx.assertClose(expected, read(t), 1e-6, 1e-6, "mrope");
    }

    @Test
    void unequalSectionsFollowAxisOf() {
        RopeSpec spec = new RopeSpec(32, 32, 1e7, new int[] {6, 5, 5});
        int n = 3;
        float[] x = Fixtures.gaussian(random, n * 2 * 32);
        int[] positions = {5, 6, 7, 100, 101, 102, 9000, 9001, 9002};
        Tensor t = f32(x, n, 2 * 32);
        OPS.rope(t, positions, spec);
        double[] expected = new double[x.length];
        for (int r = 0; r < n; r++) {
            int[] slotPositions = new int[16];
            for (int f = 0; f < 16; f++) {
                slotPositions[f] = positions[spec.axisOf(f) * n + r];
            }
            for (int h = 0; h < 2; h++) {
                rotateHead(x, (r * 2 + h) * 32, 32, slotPositions, 1e7, expected);
            }
        }
        Approx.assertClose(expected, read(t), 1e-6, 1e-6, "mrope [6, 5, 5]");
    }

    @Test
    void positionsMustHoldThreePerRow() {
        RopeSpec spec = new RopeSpec(4, 4, 1e4, new int[] {2, 0, 0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OPS.rope(f32(new float[8], 2, 4), new int[] {0, 1}, spec));
        assertTrue(e.getMessage().startsWith("rope: positions must hold 3 * 2 values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> OPS.rope(f32(new float[6], 1, 6), new int[3], spec));
        assertTrue(e.getMessage().contains("whole number of heads of 4"), e.getMessage());
    }

    /** 1-D rotate-half rope written straight from the formula: one position per row for every slot. */
    private static double[] plainRope(float[] x, int[] pos, int n, int heads, int headDim, int rotary, double theta) {
        double[] out = Fixtures.toDouble(x);
        int half = rotary / 2;
        for (int r = 0; r < n; r++) {
            for (int h = 0; h < heads; h++) {
                int base = (r * heads + h) * headDim;
                for (int i = 0; i < rotary; i++) {
                    double angle = pos[r] * Math.pow(theta, -2.0 * (i % half) / rotary);
                    double rotated = i < half ? -x[base + i + half] : x[base + i - half]; // rotate_half
                    out[base + i] = x[base + i] * Math.cos(angle) + rotated * Math.sin(angle);
                }
            }
        }
        return out;
    }

    /** Rotates one head (all its dims rotary) with a position per frequency slot, into expected. */
    private static void rotateHead(float[] x, int base, int dim, int[] slotPositions, double theta, double[] expected) {
        int half = dim / 2;
        for (int i = 0; i < dim; i++) {
            expected[base + i] = x[base + i];
        }
        for (int f = 0; f < slotPositions.length; f++) {
            double angle = slotPositions[f] * Math.pow(theta, -2.0 * f / dim);
            double x1 = x[base + f];
            double x2 = x[base + f + half];
            expected[base + f] = x1 * Math.cos(angle) - x2 * Math.sin(angle);
            expected[base + f + half] = x2 * Math.cos(angle) + x1 * Math.sin(angle);
        }
    }
}
