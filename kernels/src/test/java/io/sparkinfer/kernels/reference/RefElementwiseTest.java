package io.sparkinfer.kernels.reference;

import static io.sparkinfer.kernels.reference.Fixtures.OPS;
import static io.sparkinfer.kernels.reference.Fixtures.f32;
import static io.sparkinfer.kernels.reference.Fixtures.read;
import static io.sparkinfer.kernels.reference.Fixtures.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

class RefElementwiseTest {
    private final Random random = new Random(21);
    private final float[] a = Fixtures.uniform(random, 3 * 7, -6, 6);
    private final float[] b = Fixtures.uniform(random, 3 * 7, -6, 6);

    @Test
    void addSwigluAndSigmoidGateMatchTheirFormulasInDouble() {
        check("add", (x, y) -> x + y, (x, y, out) -> OPS.add(x, y, out));
        check("swiglu", (g, u) -> Fixtures.silu(g) * u, (x, y, out) -> OPS.swiglu(x, y, out));
        check("sigmoidGate", (x, g) -> x * Fixtures.sigmoid(g), (x, y, out) -> OPS.sigmoidGate(x, y, out));
    }

    @Test
    void siluMatchesItsFormulaAndKnownValues() {
        Tensor out = zeros(3, 7);
        OPS.silu(f32(a, 3, 7), out);
        double[] expected = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            expected[i] = a[i] / (1 + Math.exp(-a[i]));
        }
        Approx.assertF32(expected, read(out), "silu");

        Tensor known = f32(new float[] {0, 1, -1}, 3);
        OPS.silu(known, known);
        Approx.assertF32(new double[] {0, 1 / (1 + Math.exp(-1)), -1 / (1 + Math.exp(1))}, read(known), "silu known");
    }

    @Test
    void anOutputMayBeAnInputInPlace() {
        Tensor x = f32(a, 3, 7);
        Tensor expected = zeros(3, 7);
        OPS.swiglu(f32(a, 3, 7), f32(b, 3, 7), expected);
        OPS.swiglu(x, f32(b, 3, 7), x);
        assertArrayEquals(read(expected), read(x));
    }

    @Test
    void aPartlyOverlappingOutputIsRejected() {
        Tensor x = f32(new float[8], 4, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OPS.add(x.rows(0, 2), x.rows(2, 2), x.rows(1, 2)));
        assertTrue(e.getMessage().startsWith("add: out overlaps a"), e.getMessage());
    }

    @Test
    void shapesMustAgree() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OPS.sigmoidGate(zeros(3, 7), zeros(3, 6), zeros(3, 7)));
        assertTrue(e.getMessage().contains("gate must have the shape of x [3, 7], got [3, 6]"), e.getMessage());
    }

    @Test
    void scaleRowsBySigmoidScalesEachRowByItsGate() {
        float[] s = {0, 2, -3};
        Tensor out = zeros(3, 7);
        OPS.scaleRowsBySigmoid(f32(a, 3, 7), f32(s, 3, 1), out);
        double[] expected = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            expected[i] = a[i] * Fixtures.sigmoid(s[i / 7]);
        }
        Approx.assertF32(expected, read(out), "scaleRowsBySigmoid");
        assertTrue(Math.abs(read(out)[0] - a[0] / 2) <= 1e-6 * Math.abs(a[0]), "sigmoid(0) halves row 0");

        assertThrows(IllegalArgumentException.class, () -> OPS.scaleRowsBySigmoid(f32(a, 3, 7), zeros(2, 1), out));
    }

    @Test
    void aTensorOfAnotherBackendIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OPS.silu(new ForeignTensor(), zeros(2, 3)));
        assertTrue(e.getMessage().startsWith("silu: x (foreign) belongs to another backend"), e.getMessage());
    }

    /** A tensor of some device backend: the reference ops cannot read it. */
    private static final class ForeignTensor implements Tensor {
        @Override
        public DType dtype() {
            return DType.F32;
        }

        @Override
        public int[] shape() {
            return new int[] {2, 3};
        }

        @Override
        public int rows() {
            return 2;
        }

        @Override
        public int rowSize() {
            return 3;
        }

        @Override
        public long numel() {
            return 6;
        }

        @Override
        public Tensor rows(int from, int count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return "foreign";
        }
    }

    private interface BinaryOp {
        void run(Tensor a, Tensor b, Tensor out);
    }

    private void check(String name, DoubleBinaryOperator formula, BinaryOp op) {
        Tensor out = zeros(3, 7);
        op.run(f32(a, 3, 7), f32(b, 3, 7), out);
        double[] expected = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            expected[i] = formula.applyAsDouble(a[i], b[i]);
        }
        Approx.assertF32(expected, read(out), name);
    }
}
