package io.sparkinfer.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Done-when 3: the empirical distribution of sampling on a fixed logit vector matches the filtered softmax,
 * computed here independently by sorting, for top-k, top-p, min-p and temperature; filtered tokens never appear.
 */
class TokenSamplerDistributionTest {
    private static final float[] LOGITS = {2.0f, 1.5f, 0.3f, -1.0f, 1.5f, 0.9f, -0.4f, 0.0f, 2.4f, -2.0f};
    private static final int DRAWS = 100_000;

    @Test
    void topKKeepsTheKMostLikely() {
        check(new SamplingParams(1.0, 3, 1, 0, 1, 0, 11));
    }

    @Test
    void topPKeepsTheSmallestSetReachingP() {
        check(new SamplingParams(1.0, 0, 0.8, 0, 1, 0, 12));
    }

    @Test
    void minPDropsTokensFarBelowTheBest() {
        check(new SamplingParams(1.0, 0, 1, 0.2, 1, 0, 13));
    }

    @Test
    void allFiltersTogetherWithATemperature() {
        check(new SamplingParams(0.7, 5, 0.9, 0.05, 1, 0, 14));
    }

    @Test
    void temperatureAloneSamplesTheWholeSoftmax() {
        check(new SamplingParams(1.3, 0, 1, 0, 1, 0, 15));
    }

    private static void check(SamplingParams p) {
        double[] expected = filteredSoftmax(LOGITS, p);
        int[] counts = new int[LOGITS.length];
        TokenHistory history = new TokenHistory(new int[0]);
        for (int step = 0; step < DRAWS; step++) {
            counts[TokenSampler.sample(LOGITS, p, history, step)]++;
        }
        for (int i = 0; i < LOGITS.length; i++) {
            if (expected[i] == 0) {
                assertEquals(0, counts[i], "token " + i + " is filtered out by " + p);
                continue;
            }
            double sigma = Math.sqrt(DRAWS * expected[i] * (1 - expected[i]));
            assertEquals(DRAWS * expected[i], counts[i], 5 * sigma + 1, "token " + i + " with " + p);
        }
    }

    /** The reference: sort by logit, apply top-k, top-p, min-p to softmax(l / T), renormalise. */
    static double[] filteredSoftmax(float[] logits, SamplingParams p) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < logits.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -logits[i]).thenComparingInt(i -> i));
        double[] prob = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            prob[i] = Math.exp(logits[i] / p.temperature());
            sum += prob[i];
        }
        for (int i = 0; i < logits.length; i++) {
            prob[i] /= sum;
        }
        int keep = p.topK() > 0 ? Math.min(p.topK(), logits.length) : logits.length;
        double kSum = 0;
        for (int r = 0; r < keep; r++) {
            kSum += prob[order.get(r)];
        }
        double cumulative = 0;
        int nucleus = keep;
        for (int r = 0; r < keep; r++) {
            cumulative += prob[order.get(r)] / kSum;
            if (cumulative >= p.topP()) {
                nucleus = r + 1;
                break;
            }
        }
        double best = prob[order.get(0)];
        double[] out = new double[logits.length];
        double kept = 0;
        for (int r = 0; r < nucleus; r++) {
            int id = order.get(r);
            if (prob[id] >= p.minP() * best) {
                out[id] = prob[id];
                kept += prob[id];
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= kept;
        }
        assertTrue(kept > 0);
        return out;
    }
}
