package io.sparkinfer.engine.sampling;

import java.util.SplittableRandom;

/** TEMPORARY stub until the sampling branch lands. */
public final class TokenSampler {
    private TokenSampler() {
    }

    public static int sample(float[] logits, SamplingParams p, TokenHistory history, int step) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        if (p.greedy()) {
            return best;
        }
        double[] w = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.exp((logits[i] - logits[best]) / p.temperature());
            sum += w[i];
        }
        double u = new SplittableRandom(p.seed() * 31 + step).nextDouble() * sum;
        for (int i = 0; i < w.length; i++) {
            u -= w[i];
            if (u < 0) {
                return i;
            }
        }
        return best;
    }

    public static double[] logSoftmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l - max);
        }
        double log = max + Math.log(sum);
        double[] out = new double[logits.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = logits[i] - log;
        }
        return out;
    }
}
