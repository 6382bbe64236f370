package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.Parity.CPU;
import static io.sparkinfer.kernels.cpu.Parity.FAST;
import static io.sparkinfer.kernels.cpu.Parity.ODD_SIZES;
import static io.sparkinfer.kernels.cpu.Parity.REF;
import static io.sparkinfer.kernels.cpu.Parity.assertBitwise;
import static io.sparkinfer.kernels.cpu.Parity.assertClose;
import static io.sparkinfer.kernels.cpu.Parity.copy;
import static io.sparkinfer.kernels.cpu.Parity.gaussian;
import static io.sparkinfer.kernels.cpu.Parity.randomView;
import static io.sparkinfer.kernels.cpu.Parity.read;
import static io.sparkinfer.kernels.cpu.Parity.view;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CpuNormsTest {
    private static final int ROWS = 37;

    @Test
    void rmsNormMatchesTheReferenceForEveryWeightTypeOverRowsAndHeads() {
        Random random = new Random(30);
        for (DType dtype : new DType[] {DType.F32, DType.BF16, DType.F16}) {
            for (int group : ODD_SIZES) {
                for (int groupsPerRow : new int[] {1, 3}) { // whole-row norms and per-head q/k norms
                    int rowSize = group * groupsPerRow;
                    Tensor x = randomView(random, ROWS, rowSize);
                    Tensor w = view(random, gaussian(random, group), dtype, 1, group);
                    Tensor expected = CPU.allocate(DType.F32, ROWS, rowSize);
                    REF.rmsNorm(x, w, 1e-6f, expected);
                    Tensor out = randomView(random, ROWS, rowSize);
                    FAST.rmsNorm(x, w, 1e-6f, out);
                    String what = "rmsNorm " + dtype + " group=" + group + " row=" + rowSize;
                    assertClose(expected, out, 1e-5, what);
                    FAST.rmsNorm(x, w, 1e-6f, x);
                    assertBitwise(read(out), read(x), what + " in place");
                }
            }
        }
    }

    @Test
    void gatedRmsNormMatchesTheReferenceForEveryWeightType() {
        Random random = new Random(31);
        for (DType dtype : new DType[] {DType.F32, DType.BF16, DType.F16}) {
            for (int group : ODD_SIZES) {
                int rowSize = 2 * group;
                Tensor x = randomView(random, ROWS, rowSize);
                Tensor z = randomView(random, ROWS, rowSize);
                Tensor w = view(random, gaussian(random, group), dtype, 1, group);
                Tensor expected = CPU.allocate(DType.F32, ROWS, rowSize);
                REF.gatedRmsNorm(x, z, w, 1e-6f, expected);
                Tensor out = randomView(random, ROWS, rowSize);
                FAST.gatedRmsNorm(x, z, w, 1e-6f, out);
                assertClose(expected, out, 1e-5, "gatedRmsNorm " + dtype + " group=" + group);
                FAST.gatedRmsNorm(x, z, w, 1e-6f, x);
                assertBitwise(read(out), read(x), "gatedRmsNorm in place");
            }
        }
    }

    @Test
    void l2NormMatchesTheReference() {
        Random random = new Random(32);
        for (int group : ODD_SIZES) {
            Tensor x = randomView(random, ROWS, 2 * group);
            Tensor expected = CPU.allocate(DType.F32, ROWS, 2 * group);
            REF.l2Norm(x, group, 1e-6f, 0.125f, expected);
            Tensor out = randomView(random, ROWS, 2 * group);
            FAST.l2Norm(x, group, 1e-6f, 0.125f, out);
            assertClose(expected, out, 1e-5, "l2Norm group=" + group);
            FAST.l2Norm(x, group, 1e-6f, 0.125f, x);
            assertBitwise(read(out), read(x), "l2Norm in place");
        }
    }

    @Test
    void softmaxMatchesTheReferenceIncludingMaskedValues() {
        Random random = new Random(33);
        for (int size : ODD_SIZES) {
            float[] values = gaussian(random, ROWS * size);
            for (int i = 0; i < values.length; i += 5) {
                values[i] = Float.NEGATIVE_INFINITY; // masked entries get weight 0
            }
            Tensor x = view(random, values, ROWS, size);
            Tensor expected = CPU.allocate(DType.F32, ROWS, size);
            REF.softmax(x, expected);
            Tensor out = randomView(random, ROWS, size);
            FAST.softmax(x, out);
            assertClose(expected, out, 1e-6, "softmax " + size);
            Tensor inPlace = copy(x);
            FAST.softmax(inPlace, inPlace);
            assertBitwise(read(out), read(inPlace), "softmax in place");
        }
    }

    @Test
    void groupsThatDoNotDivideTheRowAndBadEpsAreRejected() {
        Tensor x = CPU.allocate(DType.F32, 2, 12);
        assertThrows(IllegalArgumentException.class, () -> FAST.rmsNorm(x, CPU.allocate(DType.BF16, 5), 1e-6f, x));
        assertThrows(IllegalArgumentException.class, () -> FAST.rmsNorm(x, CPU.allocate(DType.F32, 6), -1f, x));
        assertThrows(IllegalArgumentException.class, () -> FAST.l2Norm(x, 5, 1e-6f, 1f, x));
        assertThrows(IllegalArgumentException.class,
                () -> FAST.gatedRmsNorm(x, CPU.allocate(DType.F32, 2, 6), CPU.allocate(DType.F32, 6), 1e-6f, x));
    }
}
