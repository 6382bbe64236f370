package io.sparkinfer.benchmarks;

/** Fast reproducible values for benchmark operands (a splitmix-style hash: no Random overhead at 1e9 values). */
final class RandomValues {

    private RandomValues() {}

    /** {@code count} values uniform in [-scale, scale), a function of seed and index only. */
    static float[] uniform(long seed, int count, float scale) {
        float[] out = new float[count];
        long state = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < count; i++) {
            state += 0x9E3779B97F4A7C15L;
            long z = (state ^ (state >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            out[i] = ((z >>> 40) / (float) (1 << 24) * 2 - 1) * scale;
        }
        return out;
    }
}
