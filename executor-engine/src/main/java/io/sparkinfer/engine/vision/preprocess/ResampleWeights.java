package io.sparkinfer.engine.vision.preprocess;

/**
 * Pillow's per-output-pixel filter taps along one axis ({@code precompute_coeffs} and
 * {@code normalize_coeffs_8bpc} in Resample.c): for output index i, source indices
 * {@code first(i) .. first(i) + count(i) - 1} with fixed-point weights summing to about 2^22.
 */
final class ResampleWeights {

    /** Pillow's PRECISION_BITS for 8-bit images: 32 - 8 - 2. */
    static final int PRECISION_BITS = 22;
    /** Accumulators start at one half so that the final shift rounds. */
    static final int HALF = 1 << (PRECISION_BITS - 1);

    private static final double BICUBIC_SUPPORT = 2.0;

    private final int outSize;
    private final int maxTaps;
    private final int[] first;
    private final int[] count;
    private final int[] weights; // [outSize, maxTaps]

    private ResampleWeights(int outSize, int maxTaps, int[] first, int[] count, int[] weights) {
        this.outSize = outSize;
        this.maxTaps = maxTaps;
        this.first = first;
        this.count = count;
        this.weights = weights;
    }

    /** Taps mapping {@code inSize} source pixels onto {@code outSize}, over the whole axis. */
    static ResampleWeights bicubic(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = BICUBIC_SUPPORT * filterScale;
        int maxTaps = (int) Math.ceil(support) * 2 + 1;
        int[] first = new int[outSize];
        int[] count = new int[outSize];
        int[] weights = new int[outSize * maxTaps];
        double[] k = new double[maxTaps];
        for (int i = 0; i < outSize; i++) {
            double center = (i + 0.5) * scale;
            double inverse = 1.0 / filterScale;
            // C casts truncate toward zero, as Java's do.
            int min = Math.max((int) (center - support + 0.5), 0);
            int max = Math.min((int) (center + support + 0.5), inSize) - min;
            double sum = 0;
            for (int x = 0; x < max; x++) {
                k[x] = cubic((x + min - center + 0.5) * inverse);
                sum += k[x];
            }
            for (int x = 0; x < max; x++) {
                double w = sum != 0.0 ? k[x] / sum : k[x];
                weights[i * maxTaps + x] = w < 0
                        ? (int) (-0.5 + w * (1 << PRECISION_BITS))
                        : (int) (0.5 + w * (1 << PRECISION_BITS));
            }
            first[i] = min;
            count[i] = max;
        }
        return new ResampleWeights(outSize, maxTaps, first, count, weights);
    }

    /** Pillow's bicubic kernel, a = -0.5. */
    static double cubic(double x) {
        final double a = -0.5;
        x = Math.abs(x);
        if (x < 1.0) {
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0.0;
    }

    /** Pillow's clip8: the rounded accumulator shifted back to 0..255. */
    static byte clip8(int accumulator) {
        int v = accumulator >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }

    /** The same taps reading from a source that starts {@code -offset} pixels later. */
    ResampleWeights shifted(int offset) {
        int[] moved = first.clone();
        for (int i = 0; i < moved.length; i++) {
            moved[i] += offset;
        }
        return new ResampleWeights(outSize, maxTaps, moved, count, weights);
    }

    int outSize() {
        return outSize;
    }

    int first(int i) {
        return first[i];
    }

    int count(int i) {
        return count[i];
    }

    int weight(int i, int k) {
        return weights[i * maxTaps + k];
    }
}
