package io.sparkinfer.engine.runtime;

import java.util.SplittableRandom;

/**
 * How the next token is chosen from logits: greedy (temperature 0, the lowest id on ties) or drawn from
 * softmax(logits / temperature) with a random stream that depends only on the seed and the step.
 */
public record Sampling(double temperature, long seed) {

    public static final Sampling GREEDY = new Sampling(0, 0);

    public Sampling {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number >= 0, got " + temperature);
        }
    }

    /** The token for one row of logits at generation step {@code step}. */
    public int pick(float[] logits, int step) {
        if (temperature == 0) {
            return argmax(logits);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double[] weights = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            weights[i] = Math.exp((logits[i] - max) / temperature);
            sum += weights[i];
        }
        // One stream per (seed, step): the choice never depends on what else was drawn before.
        double u = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step).nextDouble() * sum;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return argmax(logits);
    }

    static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }
}
