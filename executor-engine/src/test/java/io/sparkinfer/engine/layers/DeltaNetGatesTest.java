package io.sparkinfer.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeltaNetGatesTest {

    @Test
    void softplusIsStableAtBothEnds() {
        assertEquals(Math.log(2), DeltaNetGates.softplus(0), 1e-15);
        assertEquals(Math.log1p(Math.exp(3.5)), DeltaNetGates.softplus(3.5), 1e-14);
        assertEquals(800.0, DeltaNetGates.softplus(800), 1e-12); // exp(800) would overflow
        assertEquals(Math.exp(-50), DeltaNetGates.softplus(-50), 1e-30);
    }

    @Test
    void decayIsMinusExpALogTimesSoftplusPerValueHead() {
        float[] aLog = {0.5f, -1.25f};
        float[] dtBias = {0.1f, -2f};
        DeltaNetGates gates = new DeltaNetGates(aLog, dtBias);
        float[] a = {0.3f, 1.7f, -4f, 0f}; // two tokens x two heads
        float[] g = gates.decay(a);
        for (int i = 0; i < a.length; i++) {
            int h = i % 2;
            double expected = -Math.exp(aLog[h]) * Math.log1p(Math.exp((double) a[i] + dtBias[h]));
            assertEquals(expected, g[i], 1e-6 * Math.abs(expected));
            assertTrue(g[i] < 0);
        }
    }

    @Test
    void betaIsTheLogisticSigmoid() {
        float[] beta = DeltaNetGates.beta(new float[] {0f, 2f, -30f});
        assertEquals(0.5f, beta[0]);
        assertEquals(1 / (1 + Math.exp(-2)), beta[1], 1e-7);
        assertEquals(Math.exp(-30), beta[2], 1e-15);
    }
}
