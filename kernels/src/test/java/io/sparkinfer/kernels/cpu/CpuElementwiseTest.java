package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.Parity.CPU;
import static io.sparkinfer.kernels.cpu.Parity.FAST;
import static io.sparkinfer.kernels.cpu.Parity.ODD_SIZES;
import static io.sparkinfer.kernels.cpu.Parity.REF;
import static io.sparkinfer.kernels.cpu.Parity.assertBitwise;
import static io.sparkinfer.kernels.cpu.Parity.assertClose;
import static io.sparkinfer.kernels.cpu.Parity.copy;
import static io.sparkinfer.kernels.cpu.Parity.randomView;
import static io.sparkinfer.kernels.cpu.Parity.read;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Ops;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CpuElementwiseTest {

    /** One two-input op of the Ops table, as a function of the ops it runs on. */
    private interface Binary {
        void apply(Ops ops, Tensor a, Tensor b, Tensor out);
    }

    private static final String[] BINARY_NAMES = {"add", "swiglu", "sigmoidGate"};
    private static final Binary[] BINARY = {Ops::add, Ops::swiglu, Ops::sigmoidGate};

    @Test
    void binaryOpsMatchTheReferenceAtOddSizesAndInPlace() {
        Random random = new Random(20);
        for (int op = 0; op < BINARY.length; op++) {
            for (int size : ODD_SIZES) {
                for (int rows : new int[] {1, 3, 100}) { // 100 x 702 values: enough for several threads
                    Tensor a = randomView(random, rows, size);
                    Tensor b = randomView(random, rows, size);
                    Tensor expected = CPU.allocate(DType.F32, rows, size);
                    BINARY[op].apply(REF, a, b, expected);
                    Tensor out = randomView(random, rows, size);
                    BINARY[op].apply(FAST, a, b, out);
                    String what = BINARY_NAMES[op] + " " + rows + "x" + size;
                    assertClose(expected, out, 1e-6, what);
                    Tensor inPlace = copy(a);
                    BINARY[op].apply(FAST, inPlace, b, inPlace);
                    assertBitwise(read(out), read(inPlace), what + " in place of the first input");
                    inPlace = copy(b);
                    BINARY[op].apply(FAST, a, inPlace, inPlace);
                    assertBitwise(read(out), read(inPlace), what + " in place of the second input");
                }
            }
        }
    }

    @Test
    void siluMatchesTheReferenceAtOddSizesAndInPlace() {
        Random random = new Random(21);
        for (int size : ODD_SIZES) {
            Tensor x = randomView(random, 40, size);
            Tensor expected = CPU.allocate(DType.F32, 40, size);
            REF.silu(x, expected);
            Tensor out = randomView(random, 40, size);
            FAST.silu(x, out);
            assertClose(expected, out, 1e-6, "silu " + size);
            FAST.silu(x, x);
            assertBitwise(read(out), read(x), "silu in place " + size);
        }
    }

    @Test
    void scaleRowsBySigmoidMatchesTheReferenceAtOddSizesAndInPlace() {
        Random random = new Random(22);
        for (int size : ODD_SIZES) {
            for (int rows : new int[] {1, 13, 200}) {
                Tensor x = randomView(random, rows, size);
                Tensor s = randomView(random, rows, 1);
                Tensor expected = CPU.allocate(DType.F32, rows, size);
                REF.scaleRowsBySigmoid(x, s, expected);
                Tensor out = randomView(random, rows, size);
                FAST.scaleRowsBySigmoid(x, s, out);
                assertClose(expected, out, 1e-6, "scaleRowsBySigmoid " + rows + "x" + size);
                FAST.scaleRowsBySigmoid(x, s, x);
                assertBitwise(read(out), read(x), "scaleRowsBySigmoid in place");
            }
        }
    }

    @Test
    void shapeMismatchesAndPartialOverlapsAreRejected() {
        Tensor a = CPU.allocate(DType.F32, 4, 8);
        assertThrows(IllegalArgumentException.class, () -> FAST.add(a, CPU.allocate(DType.F32, 4, 7), a));
        assertThrows(IllegalArgumentException.class, () -> FAST.swiglu(a.rows(0, 2), a.rows(2, 2), a.rows(1, 2)));
        assertThrows(IllegalArgumentException.class, () -> FAST.silu(CPU.allocate(DType.BF16, 4, 8), a));
        assertThrows(IllegalArgumentException.class,
                () -> FAST.scaleRowsBySigmoid(a, CPU.allocate(DType.F32, 3, 1), CPU.allocate(DType.F32, 4, 8)));
    }
}
