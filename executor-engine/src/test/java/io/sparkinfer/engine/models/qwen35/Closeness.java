package io.sparkinfer.engine.models.qwen35;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Relative error as the design defines fidelity: max |ours − reference| / max |reference|. */
final class Closeness {

    private Closeness() {
    }

    /** ours is row-major [rows.length, cols]. */
    static double relativeError(float[] ours, double[][] reference) {
        int cols = reference[0].length;
        assertEquals(reference.length * cols, ours.length, "value count");
        double maxRef = 0;
        double maxErr = 0;
        for (int r = 0; r < reference.length; r++) {
            for (int c = 0; c < cols; c++) {
                maxRef = Math.max(maxRef, Math.abs(reference[r][c]));
                maxErr = Math.max(maxErr, Math.abs(ours[r * cols + c] - reference[r][c]));
            }
        }
        return maxErr / maxRef;
    }

    /** Same measure between two float results (equivalence tests). */
    static double relativeError(float[] ours, float[] reference) {
        assertEquals(reference.length, ours.length, "value count");
        double maxRef = 0;
        double maxErr = 0;
        for (int i = 0; i < ours.length; i++) {
            maxRef = Math.max(maxRef, Math.abs(reference[i]));
            maxErr = Math.max(maxErr, Math.abs((double) ours[i] - reference[i]));
        }
        return maxErr / maxRef;
    }

    /** Index of the largest value in row {@code row} of a [rows, cols] array (lowest index on ties). */
    static int argmax(float[] values, int row, int cols) {
        int best = 0;
        for (int c = 1; c < cols; c++) {
            if (values[row * cols + c] > values[row * cols + best]) {
                best = c;
            }
        }
        return best;
    }
}
