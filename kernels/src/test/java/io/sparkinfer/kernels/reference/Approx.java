package io.sparkinfer.kernels.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Closeness assertions that report the first offending index. */
final class Approx {

    private Approx() {}

    /**
     * Every |actual[i] - expected[i]| <= rel * max(|expected[i]|, 1e-3 * max|expected|) + abs: relative per
     * value, with a floor so values near zero in a larger result are not held to an impossible bound.
     */
    static void assertClose(double[] expected, float[] actual, double rel, double abs, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double largest = 0;
        for (double e : expected) {
            largest = Math.max(largest, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            double bound = rel * Math.max(Math.abs(expected[i]), 1e-3 * largest) + abs;
            if (!(Math.abs(actual[i] - expected[i]) <= bound)) {
                fail(what + ": value " + i + " is " + actual[i] + ", expected " + expected[i] + " within " + bound);
            }
        }
    }

    static void assertClose(float[] expected, float[] actual, double rel, double abs, String what) {
        assertClose(Fixtures.toDouble(expected), actual, rel, abs, what);
    }

    /** Close to within f32 rounding of a double result. */
    static void assertF32(double[] expected, float[] actual, String what) {
        assertClose(expected, actual, 1e-6, 1e-7, what);
    }
}
