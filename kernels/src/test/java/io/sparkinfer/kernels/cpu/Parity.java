package io.sparkinfer.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Ops;
import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.reference.ReferenceBackend;
import java.util.Random;

/**
 * What the CPU parity tests share: a CPU backend on 3 threads (more than this machine's cores, so ranges are
 * uneven and parts queue), the reference ops as the oracle, tensors that are row views at a non-zero offset,
 * and a closeness check.
 */
final class Parity {
    /** The vector tail sizes every op is tried at (where they fit). */
    static final int[] ODD_SIZES = {1, 3, 13, 127, 129, 207, 702};
    static final CpuBackend CPU = new CpuBackend(3);
    static final Ops FAST = CPU.ops();
    static final Ops REF = new ReferenceBackend().ops();

    private Parity() {}

    static float[] gaussian(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    /**
     * {@code values} as rows [2, 2 + rows) of a larger tensor of that dtype (two rows of noise before, one
     * after), so kernels must honour the view's offset and stay inside it.
     */
    static Tensor view(Random random, float[] values, DType dtype, int rows, int... rowShape) {
        int rowSize = 1;
        for (int d : rowShape) {
            rowSize *= d;
        }
        int[] shape = new int[rowShape.length + 1];
        shape[0] = rows + 3;
        System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
        float[] padded = gaussian(random, (rows + 3) * rowSize);
        System.arraycopy(values, 0, padded, 2 * rowSize, values.length);
        return CPU.fromFloats(padded, dtype, shape).rows(2, rows);
    }

    static Tensor view(Random random, float[] values, int rows, int... rowShape) {
        return view(random, values, DType.F32, rows, rowShape);
    }

    /** An F32 view of {@code rows} random rows. */
    static Tensor randomView(Random random, int rows, int... rowShape) {
        int rowSize = 1;
        for (int d : rowShape) {
            rowSize *= d;
        }
        return view(random, gaussian(random, rows * rowSize), rows, rowShape);
    }

    /** A separate tensor holding the same values (an op's second operand set, or the oracle's copy). */
    static Tensor copy(Tensor t) {
        return CPU.fromFloats(read(t), DType.F32, t.shape());
    }

    static float[] read(Tensor t) {
        return CPU.toFloats(t);
    }

    /**
     * Every |actual - expected| <= rel * max(|expected|, rms(expected)): relative to the value, but never
     * tighter than relative to the output's typical size, because a value that cancels to near zero carries
     * the rounding error of its large terms.
     */
    static void assertClose(float[] expected, float[] actual, double rel, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double squares = 0;
        for (float e : expected) {
            squares += (double) e * e;
        }
        double rms = Math.sqrt(squares / Math.max(1, expected.length));
        for (int i = 0; i < expected.length; i++) {
            double bound = rel * Math.max(Math.abs(expected[i]), rms);
            if (!(Math.abs(actual[i] - expected[i]) <= bound) && !(Float.isNaN(expected[i]) && Float.isNaN(actual[i]))
                    && expected[i] != actual[i]) {
                fail(what + ": value " + i + " is " + actual[i] + ", expected " + expected[i] + " within " + bound);
            }
        }
    }

    static void assertClose(Tensor expected, Tensor actual, double rel, String what) {
        assertClose(read(expected), read(actual), rel, what);
    }

    static void assertBitwise(float[] expected, float[] actual, String what) {
        assertArrayEquals(expected, actual, what); // assertArrayEquals on floats compares bit patterns via equals
    }
}
