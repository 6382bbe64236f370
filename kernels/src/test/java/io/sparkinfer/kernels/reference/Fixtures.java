package io.sparkinfer.kernels.reference;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Ops;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Random;

/** Tensors for the reference-op tests: a reference backend, seeded random values, widening to double. */
final class Fixtures {
    static final ReferenceBackend BACKEND = new ReferenceBackend();
    static final Ops OPS = BACKEND.ops();

    private Fixtures() {}

    /** Values uniform in [lo, hi). */
    static float[] uniform(Random random, int count, double lo, double hi) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (lo + (hi - lo) * random.nextDouble());
        }
        return values;
    }

    static float[] gaussian(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    static Tensor f32(float[] values, int... shape) {
        return BACKEND.fromFloats(values, DType.F32, shape);
    }

    static Tensor zeros(int... shape) {
        return BACKEND.allocate(DType.F32, shape);
    }

    static float[] read(Tensor t) {
        return BACKEND.toFloats(t);
    }

    static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** Rows [from, from + count) of a [rows, rowSize] array. */
    static float[] rowsOf(float[] values, int rowSize, int from, int count) {
        float[] out = new float[count * rowSize];
        System.arraycopy(values, from * rowSize, out, 0, out.length);
        return out;
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static double silu(double x) {
        return x / (1 + Math.exp(-x));
    }
}
