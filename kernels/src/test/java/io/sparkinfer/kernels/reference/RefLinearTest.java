package io.sparkinfer.kernels.reference;

import static io.sparkinfer.kernels.reference.Fixtures.BACKEND;
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
import org.junit.jupiter.api.Test;

class RefLinearTest {

    @Test
    void matmulOfSmallMatricesIsTheHandComputedProduct() {
        Tensor x = f32(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor w = f32(new float[] {1, 0, 0, 1, 1, 1}, 3, 2); // y = [x0, x1, x0 + x1]
        Tensor y = zeros(2, 3);
        OPS.matmul(x, w, y);
        assertArrayEquals(new float[] {1, 2, 3, 3, 4, 7}, read(y));
    }

    @Test
    void matmulMatchesDotProductsInDouble() {
        Random random = new Random(11);
        int n = 5;
        int k = 13;
        int m = 7;
        float[] x = Fixtures.gaussian(random, n * k);
        float[] w = Fixtures.gaussian(random, m * k);
        Tensor y = zeros(n, m);
        OPS.matmul(f32(x, n, k), f32(w, m, k), y);

        double[] expected = new double[n * m];
        for (int r = 0; r < n; r++) {
            for (int o = 0; o < m; o++) {
                for (int i = 0; i < k; i++) {
                    expected[r * m + o] += (double) x[r * k + i] * w[o * k + i];
                }
            }
        }
        Approx.assertF32(expected, read(y), "matmul");
    }

    @Test
    void matmulWithBf16OrF16WeightsEqualsF32WeightsOfTheSameValues() {
        Random random = new Random(12);
        float[] x = Fixtures.gaussian(random, 3 * 9);
        for (DType dtype : new DType[] {DType.BF16, DType.F16}) {
            Tensor narrow = BACKEND.fromFloats(Fixtures.gaussian(random, 4 * 9), dtype, 4, 9);
            Tensor wide = f32(read(narrow), 4, 9); // the same values, stored as F32
            Tensor fromNarrow = zeros(3, 4);
            Tensor fromWide = zeros(3, 4);
            OPS.matmul(f32(x, 3, 9), narrow, fromNarrow);
            OPS.matmul(f32(x, 3, 9), wide, fromWide);
            assertArrayEquals(read(fromWide), read(fromNarrow), dtype.toString());
        }
    }

    @Test
    void matmulReadsAndWritesRowViewsOnly() {
        Random random = new Random(13);
        float[] x = Fixtures.gaussian(random, 6 * 4);
        float[] w = Fixtures.gaussian(random, 5 * 4);
        Tensor yAll = zeros(4, 3);
        OPS.matmul(f32(x, 6, 4).rows(2, 3), f32(w, 5, 4).rows(1, 3), yAll.rows(1, 3));

        Tensor expected = zeros(3, 3);
        OPS.matmul(f32(Fixtures.rowsOf(x, 4, 2, 3), 3, 4), f32(Fixtures.rowsOf(w, 4, 1, 3), 3, 4), expected);
        float[] all = read(yAll);
        assertArrayEquals(new float[3], Fixtures.rowsOf(all, 3, 0, 1), "row before the view untouched");
        assertArrayEquals(read(expected), Fixtures.rowsOf(all, 3, 1, 3));
    }

    @Test
    void matmulRejectsMismatchedShapesAndNamesThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OPS.matmul(zeros(3, 5), zeros(4, 6), zeros(3, 4)));
        assertTrue(e.getMessage().startsWith("matmul: w must have rows of 5 values"), e.getMessage());
        assertTrue(e.getMessage().contains("x [3, 5] F32, w [4, 6] F32, y [3, 4] F32"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> OPS.matmul(zeros(3, 5), zeros(4, 5), zeros(3, 5)));
        assertTrue(e.getMessage().contains("y must hold 3 rows of 4 values, got shape [3, 5]"), e.getMessage());
    }

    @Test
    void matmulRejectsNarrowActivations() {
        Tensor bf16x = BACKEND.allocate(DType.BF16, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OPS.matmul(bf16x, zeros(4, 3), zeros(2, 4)));
        assertTrue(e.getMessage().contains("x must be F32"), e.getMessage());
    }

    @Test
    void embeddingCopiesTheChosenRowsWidened() {
        Random random = new Random(14);
        Tensor table = BACKEND.fromFloats(Fixtures.gaussian(random, 6 * 4), DType.BF16, 6, 4);
        float[] widened = read(table);
        int[] ids = {5, 0, 5, 2};
        Tensor out = zeros(4, 4);
        OPS.embedding(ids, table, out);
        float[] got = read(out);
        for (int i = 0; i < ids.length; i++) {
            assertArrayEquals(Fixtures.rowsOf(widened, 4, ids[i], 1), Fixtures.rowsOf(got, 4, i, 1), "row " + i);
        }
    }

    @Test
    void embeddingRejectsAnIdOutsideTheTable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OPS.embedding(new int[] {1, 6}, zeros(6, 4), zeros(2, 4)));
        assertTrue(e.getMessage().contains("ids[1] = 6 is outside the table's 6 rows"), e.getMessage());
    }
}
