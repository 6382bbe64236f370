package io.sparkinfer.engine.layers;

/**
 * The per-token, per-value-head gates of Gated DeltaNet (spec section 2.3 step 4), computed on the host from
 * the small [N, nv] projections: {@code beta = σ(b)} and the log decay
 * {@code g = −exp(A_log) · softplus(a + dt_bias)} (g ≤ 0; the state is multiplied by exp(g)).
 */
final class DeltaNetGates {
    private final double[] negExpA; // −exp(A_log), fixed at load
    private final float[] dtBias;

    DeltaNetGates(float[] aLog, float[] dtBias) {
        if (aLog.length != dtBias.length) {
            throw new IllegalArgumentException("[BUG] A_log has " + aLog.length + " heads, dt_bias " + dtBias.length);
        }
        this.negExpA = new double[aLog.length];
        for (int h = 0; h < aLog.length; h++) {
            negExpA[h] = -Math.exp(aLog[h]);
        }
        this.dtBias = dtBias.clone();
    }

    /** g for a [N, nv] (row-major), same layout. */
    float[] decay(float[] a) {
        int nv = negExpA.length;
        float[] g = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            g[i] = (float) (negExpA[i % nv] * softplus((double) a[i] + dtBias[i % nv]));
        }
        return g;
    }

    /** beta = σ(b) for b [N, nv]. */
    static float[] beta(float[] b) {
        float[] beta = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            beta[i] = (float) (1.0 / (1.0 + Math.exp(-(double) b[i])));
        }
        return beta;
    }

    /** log(1 + eˣ) without overflow for large x or precision loss for very negative x. */
    static double softplus(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}
