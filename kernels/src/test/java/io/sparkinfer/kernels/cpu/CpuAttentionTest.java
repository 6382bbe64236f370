package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.Parity.CPU;
import static io.sparkinfer.kernels.cpu.Parity.FAST;
import static io.sparkinfer.kernels.cpu.Parity.REF;
import static io.sparkinfer.kernels.cpu.Parity.assertBitwise;
import static io.sparkinfer.kernels.cpu.Parity.assertClose;
import static io.sparkinfer.kernels.cpu.Parity.randomView;
import static io.sparkinfer.kernels.cpu.Parity.read;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CpuAttentionTest {

    @Test
    void matchesTheReferenceOverHeadSizesGroupingsAndCacheOffsets() {
        Random random = new Random(40);
        int[][] headings = {{1, 1}, {4, 2}, {6, 1}, {8, 8}}; // {numHeads, numKvHeads}
        for (int headDim : new int[] {1, 3, 13, 127, 129, 256}) {
            for (int[] heads : headings) {
                for (int[] startAndRows : new int[][] {{0, 1}, {0, 13}, {9, 1}, {20, 7}}) {
                    check(random, heads[0], heads[1], headDim, startAndRows[0], startAndRows[1]);
                }
            }
        }
    }

    /** A prefill in pieces (each piece seeing the cache so far) gives the bits of the prefill in one call. */
    @Test
    void aPrefillInPiecesGivesTheBitsOfOneCall() {
        Random random = new Random(41);
        int numHeads = 4;
        int numKvHeads = 2;
        int headDim = 129;
        int n = 11;
        Tensor q = randomView(random, n, numHeads * headDim);
        Tensor k = randomView(random, n + 5, numKvHeads * headDim); // capacity beyond the sequence is not read
        Tensor v = randomView(random, n + 5, numKvHeads * headDim);
        Tensor whole = CPU.allocate(DType.F32, n, numHeads * headDim);
        FAST.attention(q, k, v, 0, numHeads, numKvHeads, headDim, 0.0883f, whole);
        Tensor again = CPU.allocate(DType.F32, n, numHeads * headDim);
        FAST.attention(q, k, v, 0, numHeads, numKvHeads, headDim, 0.0883f, again);
        assertBitwise(read(whole), read(again), "the same call twice");
        Tensor pieces = CPU.allocate(DType.F32, n, numHeads * headDim);
        int[] cuts = {0, 4, 5, 11};
        for (int p = 0; p + 1 < cuts.length; p++) {
            int rows = cuts[p + 1] - cuts[p];
            FAST.attention(q.rows(cuts[p], rows), k, v, cuts[p], numHeads, numKvHeads, headDim, 0.0883f,
                    pieces.rows(cuts[p], rows));
        }
        assertBitwise(read(whole), read(pieces), "prefill in pieces");
    }

    @Test
    void aCacheTooShortForThePositionsIsRejected() {
        Tensor q = CPU.allocate(DType.F32, 3, 8);
        Tensor cache = CPU.allocate(DType.F32, 4, 8);
        assertThrows(IllegalArgumentException.class,
                () -> FAST.attention(q, cache, cache, 2, 2, 2, 4, 1f, CPU.allocate(DType.F32, 3, 8)));
        assertThrows(IllegalArgumentException.class,
                () -> FAST.attention(q, cache, cache, 0, 3, 2, 4, 1f, CPU.allocate(DType.F32, 3, 8)));
    }

    private static void check(Random random, int numHeads, int numKvHeads, int headDim, int start, int n) {
        int capacity = start + n + 3;
        Tensor q = randomView(random, n, numHeads * headDim);
        Tensor k = randomView(random, capacity, numKvHeads * headDim);
        Tensor v = randomView(random, capacity, numKvHeads * headDim);
        float scale = (float) (1 / Math.sqrt(headDim));
        Tensor expected = CPU.allocate(DType.F32, n, numHeads * headDim);
        REF.attention(q, k, v, start, numHeads, numKvHeads, headDim, scale, expected);
        Tensor out = randomView(random, n, numHeads * headDim);
        FAST.attention(q, k, v, start, numHeads, numKvHeads, headDim, scale, out);
        assertClose(expected, out, 1e-5, "attention heads=" + numHeads + "/" + numKvHeads + " hd=" + headDim
                + " start=" + start + " n=" + n);
    }
}
