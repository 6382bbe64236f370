package io.sparkinfer.spark.testing;

/**
 * How far two float/double values may differ and still count as equal:
 * {@code |expected - actual| <= absolute + relative * max(|expected|, |actual|)}.
 * NaN equals NaN; an infinity equals only the same infinity.
 */
record Tolerance(double absolute, double relative) {

    static final Tolerance EXACT = new Tolerance(0, 0);

    Tolerance {
        check("absolute", absolute);
        check("relative", relative);
    }

    boolean accepts(double expected, double actual) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (expected == actual) {
            return true; // also the same infinity, and 0.0 == -0.0
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return false;
        }
        double allowed = absolute + relative * Math.max(Math.abs(expected), Math.abs(actual));
        return Math.abs(expected - actual) <= allowed;
    }

    boolean isExact() {
        return absolute == 0 && relative == 0;
    }

    @Override
    public String toString() {
        return isExact() ? "exact" : "absolute " + absolute + " + relative " + relative;
    }

    private static void check(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " tolerance must be finite and >= 0, got " + value + ".");
        }
    }
}
