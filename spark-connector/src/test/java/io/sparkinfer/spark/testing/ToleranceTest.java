package io.sparkinfer.spark.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ToleranceTest {

    @Test
    void absolutePartCoversSmallValues() {
        Tolerance t = new Tolerance(1e-3, 0);
        assertTrue(t.accepts(0, 9e-4));
        assertFalse(t.accepts(0, 2e-3));
        assertFalse(t.accepts(1e6, 1e6 + 1), "no relative part");
    }

    @Test
    void relativePartScalesWithTheLargerMagnitude() {
        Tolerance t = new Tolerance(0, 1e-6);
        assertTrue(t.accepts(1e6, 1e6 + 0.9));
        assertFalse(t.accepts(1e6, 1e6 + 2));
        assertFalse(t.accepts(0, 1e-12), "relative alone never accepts a difference from zero");
    }

    @Test
    void specialValues() {
        Tolerance loose = new Tolerance(1e300, 1);
        assertTrue(loose.accepts(Double.NaN, Double.NaN));
        assertFalse(loose.accepts(Double.NaN, 0));
        assertFalse(loose.accepts(0, Double.NaN));
        assertTrue(loose.accepts(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
        assertFalse(loose.accepts(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        assertFalse(loose.accepts(Double.POSITIVE_INFINITY, Double.MAX_VALUE));
        assertTrue(Tolerance.EXACT.accepts(0.0, -0.0));
        assertFalse(Tolerance.EXACT.accepts(0.1, Math.nextUp(0.1)));
    }

    @Test
    void rejectsNegativeNanOrInfiniteTolerances() {
        for (double bad : new double[] {-1e-9, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Tolerance(0, bad));
            assertEquals("relative tolerance must be finite and >= 0, got " + bad + ".", e.getMessage());
        }
    }
}
