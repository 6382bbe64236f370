package io.sparkinfer.engine.sampling;

import java.util.Arrays;
import java.util.BitSet;
import java.util.PriorityQueue;

/**
 * Picks the next token from one row of logits: penalties, then greedy argmax, or temperature, top-k, top-p,
 * min-p (the Hugging Face order) and one draw from {@link CounterRng} at (seed, step). Stateless and
 * thread-safe; the logits are never modified. Kept tokens are ordered by probability (ties: lower id first)
 * before the draw, so the choice is a pure function of the inputs.
 */
public final class TokenSampler {
    private TokenSampler() {
    }

    public static int sample(float[] logits, SamplingParams p, TokenHistory history, int step) {
        float[] l = penalised(logits, p, history);
        if (p.greedy()) {
            return argmax(l);
        }
        int[] ids = p.topK() > 0 && p.topK() < l.length ? topK(l, p.topK()) : null;
        float max = l[argmax(l)];
        double invT = 1.0 / p.temperature();
        double[] weights;
        if (ids == null && p.topP() >= 1 && p.minP() == 0) {
            weights = new double[l.length];
            for (int i = 0; i < l.length; i++) {
                weights[i] = Math.exp((l[i] - max) * invT);
            }
            return draw(null, weights, CounterRng.uniform(p.seed(), 0, step));
        }
        // top-p's total: the top-k tokens' mass when top-k ran (HF renormalises after it), else the whole softmax's
        double[] total = new double[1];
        if (ids == null) {
            ids = nucleusCandidates(l, max, invT, p.topP(), p.minP(), total);
        }
        weights = new double[ids.length];
        for (int i = 0; i < ids.length; i++) {
            weights[i] = Math.exp((l[ids[i]] - max) * invT);
        }
        if (total[0] == 0) {
            total[0] = Arrays.stream(weights).sum();
        }
        int kept = keepTopP(weights, p.topP(), total[0]);
        kept = keepMinP(weights, kept, p.minP());
        return draw(Arrays.copyOf(ids, kept), Arrays.copyOf(weights, kept), CounterRng.uniform(p.seed(), 0, step));
    }

    /** Log-probabilities of a row of logits, computed in double. */
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

    /** The logits after the repetition and presence penalties (the input itself when neither applies). */
    static float[] penalised(float[] logits, SamplingParams p, TokenHistory history) {
        boolean repetition = p.repetitionPenalty() != 1 && !history.seen().isEmpty();
        boolean presence = p.presencePenalty() != 0 && !history.generated().isEmpty();
        if (!repetition && !presence) {
            return logits;
        }
        float[] l = logits.clone();
        if (repetition) {
            float r = (float) p.repetitionPenalty();
            BitSet seen = history.seen();
            for (int id = seen.nextSetBit(0); id >= 0 && id < l.length; id = seen.nextSetBit(id + 1)) {
                l[id] = l[id] > 0 ? l[id] / r : l[id] * r;
            }
        }
        if (presence) {
            float penalty = (float) p.presencePenalty();
            BitSet generated = history.generated();
            for (int id = generated.nextSetBit(0); id >= 0 && id < l.length; id = generated.nextSetBit(id + 1)) {
                l[id] -= penalty;
            }
        }
        return l;
    }

    static int argmax(float[] l) {
        int best = 0;
        for (int i = 1; i < l.length; i++) {
            if (l[i] > l[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The k largest logits' ids, largest first (lower id first on ties), by a bounded heap. */
    static int[] topK(float[] l, int k) {
        PriorityQueue<Integer> heap = new PriorityQueue<>(k + 1, (a, b) -> before(l, a, b) ? 1 : before(l, b, a) ? -1 : 0);
        for (int i = 0; i < l.length; i++) {
            if (heap.size() < k) {
                heap.add(i);
            } else if (before(l, i, heap.peek())) {
                heap.poll();
                heap.add(i);
            }
        }
        int[] out = new int[heap.size()];
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = heap.poll();
        }
        return out;
    }

    /** Whether id a ranks before id b: a larger logit, or the same logit and a lower id. */
    private static boolean before(float[] l, int a, int b) {
        return l[a] > l[b] || (l[a] == l[b] && a < b);
    }

    /**
     * Ids that surely contain the top-p nucleus (and the min-p survivors), ranked: only the tokens at or above
     * {@link #nucleusFloor} and min-p are sorted.
     */
    private static int[] nucleusCandidates(float[] l, float max, double invT, double topP, double minP,
            double[] totalOut) {
        double[] w = new double[l.length];
        double total = 0;
        for (int i = 0; i < l.length; i++) {
            w[i] = Math.exp((l[i] - max) * invT);
            total += w[i];
        }
        totalOut[0] = total;
        double lo = topP < 1 ? nucleusFloor(w, topP * total) : 0;
        lo = Math.max(lo, minP); // min-p keeps weights >= minP times the largest, which is 1
        int count = 0;
        for (double v : w) {
            count += v >= lo ? 1 : 0;
        }
        Integer[] ids = new Integer[count];
        for (int i = 0, n = 0; i < w.length; i++) {
            if (w[i] >= lo) {
                ids[n++] = i;
            }
        }
        Arrays.sort(ids, (a, b) -> before(l, a, b) ? -1 : before(l, b, a) ? 1 : 0);
        return Arrays.stream(ids).mapToInt(Integer::intValue).toArray();
    }

    /**
     * A power of two such that the weights at or above it hold at least {@code target} of the mass: the mass is
     * summed per binary exponent (one pass), then buckets are taken from the top until they reach the target. The
     * nucleus is a prefix of the tokens above it, and those are few, so only they need sorting.
     */
    private static double nucleusFloor(double[] w, double target) {
        double[] bucketMass = new double[1024]; // exponents -1023..0 of weights in (0, 1]
        for (double v : w) {
            if (v > 0) {
                bucketMass[Math.getExponent(v) + 1023] += v;
            }
        }
        double cumulative = 0;
        for (int b = bucketMass.length - 1; b >= 0; b--) {
            cumulative += bucketMass[b];
            if (cumulative >= target) {
                return Math.scalb(1.0, b - 1023);
            }
        }
        return 0;
    }

    /** How many of the ranked weights form the smallest prefix whose mass reaches {@code topP} of {@code total}. */
    private static int keepTopP(double[] ranked, double topP, double total) {
        if (topP >= 1) {
            return ranked.length;
        }
        double cumulative = 0;
        for (int i = 0; i < ranked.length; i++) {
            cumulative += ranked[i];
            if (cumulative >= topP * total) {
                return i + 1;
            }
        }
        return ranked.length;
    }

    /** How many of the first {@code kept} ranked weights are at least {@code minP} times the largest. */
    private static int keepMinP(double[] ranked, int kept, double minP) {
        if (minP == 0) {
            return kept;
        }
        double floor = minP * ranked[0];
        int n = 1;
        while (n < kept && ranked[n] >= floor) {
            n++;
        }
        return n;
    }

    /** Inverse CDF over {@code weights} (ids[i], or i when ids is null) at {@code u} in [0, 1). */
    private static int draw(int[] ids, double[] weights, double u) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double target = u * total;
        for (int i = 0; i < weights.length; i++) {
            target -= weights[i];
            if (target < 0) {
                return ids == null ? i : ids[i];
            }
        }
        int last = weights.length - 1;
        while (weights[last] == 0) {
            last--;
        }
        return ids == null ? last : ids[last];
    }
}
