package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.Parity.CPU;
import static io.sparkinfer.kernels.cpu.Parity.FAST;
import static io.sparkinfer.kernels.cpu.Parity.ODD_SIZES;
import static io.sparkinfer.kernels.cpu.Parity.REF;
import static io.sparkinfer.kernels.cpu.Parity.assertClose;
import static io.sparkinfer.kernels.cpu.Parity.copy;
import static io.sparkinfer.kernels.cpu.Parity.gaussian;
import static io.sparkinfer.kernels.cpu.Parity.randomView;
import static io.sparkinfer.kernels.cpu.Parity.view;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Parity of the vision-tower ops and scatterRows, cpu against reference, on row views at odd sizes and with
 * enough rows to split across threads. The CPU backend delegates rope2d and scatterRows to the reference
 * today; the tests hold any kernel that replaces them.
 */
class CpuVisionOpsTest {
    private static final double REL = 1e-6;

    @Test
    void elementwiseVisionOpsMatchTheReference() {
        Random random = new Random(31);
        for (int size : ODD_SIZES) {
            int rows = size > 100 ? 300 : 7; // 300 x 702 values: several parts
            Tensor x = randomView(random, rows, size);
            Tensor bias = view(random, gaussian(random, size), DType.BF16, 1, size);
            Tensor expected = CPU.allocate(DType.F32, rows, size);
            Tensor out = randomView(random, rows, size);
            REF.addBias(x, bias, expected);
            FAST.addBias(x, bias, out);
            assertClose(expected, out, REL, "addBias x" + size);
            REF.geluTanh(x, expected);
            FAST.geluTanh(x, out);
            assertClose(expected, out, REL, "geluTanh x" + size);
            REF.geluErf(x, expected);
            FAST.geluErf(x, out);
            assertClose(expected, out, REL, "geluErf x" + size);
        }
    }

    @Test
    void layerNormMatchesTheReferenceAlsoIntoWiderRows() {
        Random random = new Random(32);
        for (int size : ODD_SIZES) {
            Tensor x = randomView(random, 400, size);
            Tensor w = view(random, gaussian(random, size), DType.BF16, 1, size);
            Tensor b = view(random, gaussian(random, size), DType.BF16, 1, size);
            Tensor expected = CPU.allocate(DType.F32, 100, 4 * size);
            Tensor out = randomView(random, 100, 4 * size);
            REF.layerNorm(x, w, b, 1e-6f, expected);
            FAST.layerNorm(x, w, b, 1e-6f, out);
            assertClose(expected, out, REL, "layerNorm x" + size);
        }
    }

    @Test
    void rope2dAndBidirectionalAttentionMatchTheReference() {
        Random random = new Random(33);
        for (int headDim : new int[] {4, 12, 72}) {
            for (int n : new int[] {1, 3, 13, 129}) {
                int heads = 3;
                Tensor q = randomView(random, n, heads * headDim);
                Tensor k = randomView(random, n, heads * headDim);
                Tensor v = randomView(random, n, heads * headDim);
                int[] positions = random.ints(2 * n, 0, 40).toArray();
                Tensor qRef = copy(q);
                REF.rope2d(qRef, positions, headDim, 10000);
                FAST.rope2d(q, positions, headDim, 10000);
                assertClose(qRef, q, REL, "rope2d hd" + headDim + " n" + n);
                Tensor expected = CPU.allocate(DType.F32, n, heads * headDim);
                Tensor out = randomView(random, n, heads * headDim);
                REF.bidirectionalAttention(q, k, v, heads, headDim, 0.25f, expected);
                FAST.bidirectionalAttention(q, k, v, heads, headDim, 0.25f, out);
                // f32 dot products and sums (as the causal kernel): the bound of CpuAttentionTest.
                assertClose(expected, out, 1e-5, "bidirectionalAttention hd" + headDim + " n" + n);
            }
        }
    }

    @Test
    void scatterRowsMatchesTheReference() {
        Random random = new Random(34);
        for (int size : ODD_SIZES) {
            Tensor src = randomView(random, 3, size);
            Tensor expected = randomView(random, 9, size);
            Tensor out = copy(expected);
            int[] rows = {7, 0, 4};
            REF.scatterRows(src, rows, expected);
            FAST.scatterRows(src, rows, out);
            assertClose(expected, out, REL, "scatterRows x" + size);
        }
    }
}
