package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.Parity.CPU;
import static io.sparkinfer.kernels.cpu.Parity.FAST;
import static io.sparkinfer.kernels.cpu.Parity.ODD_SIZES;
import static io.sparkinfer.kernels.cpu.Parity.REF;
import static io.sparkinfer.kernels.cpu.Parity.assertBitwise;
import static io.sparkinfer.kernels.cpu.Parity.assertClose;
import static io.sparkinfer.kernels.cpu.Parity.gaussian;
import static io.sparkinfer.kernels.cpu.Parity.read;
import static io.sparkinfer.kernels.cpu.Parity.view;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CpuMatmulTest {
    private static final DType[] WEIGHT_TYPES = {DType.F32, DType.BF16, DType.F16};

    @Test
    void matchesTheReferenceAtOddSizesForEveryWeightType() {
        Random random = new Random(1);
        int[] rowCounts = {1, 3, 4, 5, 13};
        int[] columnCounts = {1, 3, 13, 129};
        for (DType dtype : WEIGHT_TYPES) {
            for (int k : ODD_SIZES) {
                for (int n : rowCounts) {
                    for (int m : columnCounts) {
                        check(random, n, k, m, dtype);
                    }
                }
            }
        }
    }

    @Test
    void matchesTheReferenceWhenTheWeightsSpanSeveralCacheBlocksAndThreads() {
        Random random = new Random(2);
        for (DType dtype : WEIGHT_TYPES) {
            check(random, 9, 1024, 301, dtype); // 64 weight rows per block: 5 blocks over 3 threads
            check(random, 2, 70_000, 5, dtype); // a row longer than a block: one weight row per block
        }
    }

    /** Batched rows must give the bits of each row alone: the register tiles may not change the sum order. */
    @Test
    void aBatchGivesEachRowTheBitsItGetsAlone() {
        Random random = new Random(3);
        for (DType dtype : WEIGHT_TYPES) {
            for (int k : new int[] {13, 207, 702}) {
                int n = 11; // two 4-row tiles and three rows left over
                int m = 37; // two-column tiles and an odd column left over
                Tensor x = view(random, gaussian(random, n * k), n, k);
                Tensor w = view(random, gaussian(random, m * k), dtype, m, k);
                Tensor batch = CPU.allocate(DType.F32, n, m);
                FAST.matmul(x, w, batch);
                for (int r = 0; r < n; r++) {
                    Tensor alone = CPU.allocate(DType.F32, 1, m);
                    FAST.matmul(x.rows(r, 1), w, alone);
                    assertBitwise(read(alone), read(batch.rows(r, 1)), dtype + " k=" + k + " row " + r);
                }
            }
        }
    }

    @Test
    void repeatedCallsAndOtherThreadCountsGiveTheSameBits() {
        Random random = new Random(4);
        int n = 7;
        int k = 129;
        int m = 1000;
        Tensor x = view(random, gaussian(random, n * k), n, k);
        Tensor w = view(random, gaussian(random, m * k), DType.BF16, m, k);
        Tensor first = CPU.allocate(DType.F32, n, m);
        Tensor second = CPU.allocate(DType.F32, n, m);
        FAST.matmul(x, w, first);
        FAST.matmul(x, w, second);
        assertBitwise(read(first), read(second), "the same call twice");
        try (CpuBackend single = new CpuBackend(1)) {
            Tensor alone = CPU.allocate(DType.F32, n, m);
            single.ops().matmul(x, w, alone);
            assertBitwise(read(first), read(alone), "3 threads against 1");
        }
    }

    @Test
    void mismatchedShapesAndOverlappingOutputsAreRejectedWithTheShapes() {
        Tensor x = CPU.allocate(DType.F32, 2, 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FAST.matmul(x, CPU.allocate(DType.BF16, 3, 7), CPU.allocate(DType.F32, 2, 3)));
        assertTrue(e.getMessage().contains("matmul") && e.getMessage().contains("[3, 7]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> FAST.matmul(x, CPU.allocate(DType.F32, 3, 8), CPU.allocate(DType.F32, 3, 3)));
        Tensor shared = CPU.allocate(DType.F32, 4, 8);
        assertThrows(IllegalArgumentException.class,
                () -> FAST.matmul(shared.rows(0, 2), CPU.allocate(DType.F32, 8, 8), shared.rows(1, 2)));
        assertThrows(IllegalArgumentException.class,
                () -> FAST.matmul(x, CPU.allocate(DType.F32, 3, 8), CPU.allocate(DType.BF16, 2, 3)));
    }

    private static void check(Random random, int n, int k, int m, DType dtype) {
        Tensor x = view(random, gaussian(random, n * k), n, k);
        Tensor w = view(random, gaussian(random, m * k), dtype, m, k);
        Tensor expected = CPU.allocate(DType.F32, n, m);
        Tensor actual = view(random, new float[n * m], n, m);
        REF.matmul(x, w, expected);
        FAST.matmul(x, w, actual);
        assertClose(expected, actual, 1e-5, "matmul " + dtype + " n=" + n + " k=" + k + " m=" + m);
    }
}
