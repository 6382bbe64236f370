package io.sparkinfer.kernels.reference;

import static io.sparkinfer.kernels.reference.Fixtures.OPS;
import static io.sparkinfer.kernels.reference.Fixtures.f32;
import static io.sparkinfer.kernels.reference.Fixtures.read;
import static io.sparkinfer.kernels.reference.Fixtures.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.kernels.api.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RefRowsTest {
    private final Random random = new Random(91);
    private final float[] src = Fixtures.gaussian(random, 5 * 3);

    @Test
    void gatherRowsCopiesTheListedRowsInOrder() {
        int[] rows = {4, 0, 4, 2};
        Tensor dst = zeros(4, 3);
        OPS.gatherRows(f32(src, 5, 3), rows, dst);
        float[] got = read(dst);
        for (int i = 0; i < rows.length; i++) {
            assertArrayEquals(Fixtures.rowsOf(src, 3, rows[i], 1), Fixtures.rowsOf(got, 3, i, 1), "row " + i);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OPS.gatherRows(f32(src, 5, 3), new int[] {5}, zeros(1, 3)));
        assertTrue(e.getMessage().startsWith("gatherRows: rows[0] = 5 is outside src's 5 rows"), e.getMessage());
    }

    @Test
    void scatterAddRowsAccumulatesWeightedRowsIncludingRepeats() {
        float[] start = Fixtures.gaussian(random, 3 * 3);
        int[] rows = {2, 0, 2, 1, 2};
        float[] weights = {0.5f, 1, 0.25f, -2, 3};
        Tensor dst = f32(start, 3, 3);
        OPS.scatterAddRows(f32(src, 5, 3), rows, weights, dst);

        double[] expected = Fixtures.toDouble(start);
        for (int i = 0; i < rows.length; i++) {
            for (int c = 0; c < 3; c++) {
                expected[rows[i] * 3 + c] += (double) weights[i] * src[i * 3 + c];
            }
        }
        Approx.assertClose(expected, read(dst), 1e-6, 1e-6, "scatterAddRows");
        assertThrows(IllegalArgumentException.class,
                () -> OPS.scatterAddRows(f32(src, 5, 3), rows, new float[4], f32(start, 3, 3)));
    }

    @Test
    void copyColumnsMovesABlockOfColumnsOfEveryRow() {
        Tensor dst = zeros(5, 4);
        OPS.copyColumns(f32(src, 5, 3), 1, dst, 2, 2);
        float[] got = read(dst);
        for (int r = 0; r < 5; r++) {
            assertArrayEquals(new float[] {0, 0, src[r * 3 + 1], src[r * 3 + 2]}, Fixtures.rowsOf(got, 4, r, 1),
                    "row " + r);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OPS.copyColumns(f32(src, 5, 3), 2, zeros(5, 4), 0, 2));
        assertTrue(e.getMessage().contains("columns [srcCol, srcCol + width) must lie within src's 3 columns"),
                e.getMessage());
    }
}
