package io.sparkinfer.kernels.reference;

import static io.sparkinfer.kernels.reference.Fixtures.OPS;
import static io.sparkinfer.kernels.reference.Fixtures.f32;
import static io.sparkinfer.kernels.reference.Fixtures.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RefMoeTest {

    @Test
    void picksTheLargestAndRenormalisesTheirProbabilities() {
        // softmax then renormalising over the chosen two equals a softmax over the chosen logits alone
        float[] logits = {0, 3, 1, 2};
        int[] experts = new int[2];
        float[] weights = new float[2];
        OPS.topKRouting(f32(logits, 1, 4), 2, experts, weights);
        assertArrayEquals(new int[] {1, 3}, experts);
        double e = Math.E;
        Approx.assertF32(new double[] {e / (e + 1), 1 / (e + 1)}, weights, "weights");
    }

    @Test
    void equalProbabilitiesGoToTheLowerExpertFirst() {
        float[] logits = {1, 5, 2, 5, 5, /* row 2: all equal */ 0, 0, 0, 0, 0};
        int[] experts = new int[6];
        float[] weights = new float[6];
        OPS.topKRouting(f32(logits, 2, 5), 3, experts, weights);
        assertArrayEquals(new int[] {1, 3, 4, 0, 1, 2}, experts);
        for (float w : weights) {
            assertEquals(1 / 3.0, w, 1e-7);
        }
    }

    @Test
    void matchesSoftmaxTopKRenormalisedInDouble() {
        Random random = new Random(81);
        int n = 6;
        int numExperts = 16;
        int k = 4;
        float[] logits = Fixtures.gaussian(random, n * numExperts);
        int[] experts = new int[n * k];
        float[] weights = new float[n * k];
        OPS.topKRouting(f32(logits, n, numExperts), k, experts, weights);
        for (int r = 0; r < n; r++) {
            // the k largest by sorting expert indices by logit, descending (logits are distinct here)
            Integer[] order = new Integer[numExperts];
            for (int e = 0; e < numExperts; e++) {
                order[e] = e;
            }
            int row = r;
            java.util.Arrays.sort(order, (a, b) -> Float.compare(logits[row * numExperts + b],
                    logits[row * numExperts + a]));
            double sum = 0;
            for (int i = 0; i < k; i++) {
                sum += Math.exp(logits[r * numExperts + order[i]]);
            }
            double weightSum = 0;
            for (int i = 0; i < k; i++) {
                assertEquals(order[i], experts[r * k + i], "row " + r + " choice " + i);
                double expected = Math.exp(logits[r * numExperts + order[i]]) / sum;
                assertEquals(expected, weights[r * k + i], 1e-6 * expected, "row " + r + " weight " + i);
                weightSum += weights[r * k + i];
            }
            assertEquals(1.0, weightSum, 1e-6, "row " + r + " weights sum to 1");
        }
    }

    @Test
    void kAndTheOutputArraysAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OPS.topKRouting(zeros(2, 4), 5, new int[10], new float[10]));
        assertTrue(e.getMessage().startsWith("topKRouting: k must be in [1, 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> OPS.topKRouting(zeros(2, 4), 2, new int[4], new float[3]));
        assertTrue(e.getMessage().contains("at least n * k = 4 values"), e.getMessage());
    }
}
