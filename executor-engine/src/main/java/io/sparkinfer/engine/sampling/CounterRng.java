package io.sparkinfer.engine.sampling;

/**
 * A stateless, counter-based random generator: {@link #uniform} is a pure function of (seed, stream, counter),
 * so a request's draws depend on its seed and its step alone, never on what ran before or beside it. The
 * mixing is SplitMix64's finaliser applied in two rounds over the three inputs (each round is a bijection of
 * 64 bits with full avalanche), which passes the uniformity checks in the tests.
 */
public final class CounterRng {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private CounterRng() {
    }

    /** A double in [0, 1) with 53 random bits. */
    public static double uniform(long seed, long stream, long counter) {
        long x = mix(seed + GOLDEN * (stream + 1));
        x = mix(x ^ (counter * 0xD1B54A32D192ED03L + GOLDEN));
        return (x >>> 11) * 0x1.0p-53;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
