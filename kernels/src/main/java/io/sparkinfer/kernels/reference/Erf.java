package io.sparkinfer.kernels.reference;

/**
 * The error function in double, for the exact GELU (Java 17 has no {@code Math.erf}). Uses the series
 * {@code erf(x) = 2/sqrt(pi) * exp(-x²) * sum_n x (2x²)^n / (1·3·…·(2n+1))}: every term is positive, so
 * nothing cancels and the sum is accurate to a few ulps. Beyond |x| = 6, erf is ±1 to double precision
 * (erfc(6) < 3e-17).
 */
public final class Erf {
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
    private static final double SATURATION = 6;

    private Erf() {}

    public static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double a = Math.abs(x);
        if (a > SATURATION) {
            return Math.signum(x);
        }
        double square = a * a;
        double term = a;
        double sum = a;
        for (int n = 1; term > sum * 1e-18; n++) {
            term *= 2 * square / (2 * n + 1);
            sum += term;
        }
        return Math.copySign(Math.min(1, TWO_OVER_SQRT_PI * Math.exp(-square) * sum), x);
    }
}
