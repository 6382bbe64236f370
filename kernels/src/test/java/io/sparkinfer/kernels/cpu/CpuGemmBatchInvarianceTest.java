package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.Parity.CPU;
import static io.sparkinfer.kernels.cpu.Parity.FAST;
import static io.sparkinfer.kernels.cpu.Parity.REF;
import static io.sparkinfer.kernels.cpu.Parity.assertBitwise;
import static io.sparkinfer.kernels.cpu.Parity.assertClose;
import static io.sparkinfer.kernels.cpu.Parity.gaussian;
import static io.sparkinfer.kernels.cpu.Parity.read;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Ops;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The batch engine's contract for matmul: a row's output bits do not depend on how many rows are multiplied
 * with it, where it sits among them, the thread count, or which packed form of the weight (cached F32 or BF16
 * panels, panels packed per call) the kernel picked for that batch size.
 */
class CpuGemmBatchInvarianceTest {
    private static final int[] BATCH_SIZES = {1, 2, 5, 6, 7, 12, 13, 20, 31, 32, 37};
    private static final int MAX_ROWS = 37;

    @Test
    void everyRowHasItsAloneBitsAtAnyBatchSizePositionAndWeightForm() {
        Random random = new Random(11);
        int width = GemmPanels.WIDTH;
        // k below, at and above a cache block; column counts with a padded panel and 4-panel decode groups
        int[][] shapes = {{13, 37}, {CpuGemm.KC, 4 * width + 5}, {2 * CpuGemm.KC + 41, 9 * width - 3}, {1, 3}};
        for (DType dtype : new DType[] {DType.F32, DType.BF16, DType.F16}) {
            for (int[] shape : shapes) {
                check(random, dtype, shape[0], shape[1]);
            }
        }
    }

    private static void check(Random random, DType dtype, int k, int m) {
        String what = dtype + " k=" + k + " m=" + m;
        float[] xv = gaussian(random, MAX_ROWS * k);
        float[] wv = gaussian(random, m * k);
        Tensor x = CPU.fromFloats(xv, DType.F32, MAX_ROWS, k);
        Tensor cachedW = CPU.uploadWeight(wv, dtype, m, k);
        Tensor plainW = CPU.fromFloats(wv, dtype, m, k);
        float[][] alone = new float[MAX_ROWS][];
        for (int r = 0; r < MAX_ROWS; r++) {
            alone[r] = multiply(FAST, x.rows(r, 1), cachedW, 1, m);
        }
        assertClose(read(reference(x, plainW, m)), concat(alone), 1e-4, what + " against the reference");
        try (CpuBackend oneThread = new CpuBackend(1)) {
            for (int n : BATCH_SIZES) {
                for (Tensor w : new Tensor[] {cachedW, plainW}) {
                    String label = what + " n=" + n + (w == cachedW ? " cached" : " per call");
                    float[] batch = multiply(FAST, x.rows(0, n), w, n, m);
                    float[] reversed = multiply(FAST, reversedRows(x, n, k), w, n, m);
                    float[] single = multiply(oneThread.ops(), x.rows(0, n), w, n, m);
                    for (int r = 0; r < n; r++) {
                        assertBitwise(alone[r], row(batch, r, m), label + " row " + r);
                        assertBitwise(alone[r], row(reversed, n - 1 - r, m), label + " row " + r + " reversed");
                        assertBitwise(alone[r], row(single, r, m), label + " row " + r + " on one thread");
                    }
                }
            }
        }
    }

    private static float[] multiply(Ops ops, Tensor x, Tensor w, int n, int m) {
        Tensor y = CPU.allocate(DType.F32, n, m);
        ops.matmul(x, w, y);
        return read(y);
    }

    private static Tensor reference(Tensor x, Tensor w, int m) {
        Tensor y = CPU.allocate(DType.F32, x.rows(), m);
        REF.matmul(x, w, y);
        return y;
    }

    private static Tensor reversedRows(Tensor x, int n, int k) {
        float[] all = read(x);
        float[] out = new float[n * k];
        for (int r = 0; r < n; r++) {
            System.arraycopy(all, (n - 1 - r) * k, out, r * k, k);
        }
        return CPU.fromFloats(out, DType.F32, n, k);
    }

    private static float[] row(float[] values, int r, int m) {
        return Arrays.copyOfRange(values, r * m, (r + 1) * m);
    }

    private static float[] concat(float[][] rows) {
        int m = rows[0].length;
        float[] out = new float[rows.length * m];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, out, r * m, m);
        }
        return out;
    }
}
