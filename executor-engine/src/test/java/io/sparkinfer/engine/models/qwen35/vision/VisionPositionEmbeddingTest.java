package io.sparkinfer.engine.models.qwen35.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.reference.ReferenceBackend;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bilinear (align_corners = True) resampling of the learned position table, in merge-block order. */
class VisionPositionEmbeddingTest {
    private static final Backend BACKEND = new ReferenceBackend();

    @Test
    void aGridOfTheTablesSizeReadsTheTableRowsInMergeBlockOrder() {
        int side = 4;
        float[] table = new float[side * side * 3];
        Random random = new Random(3);
        for (int i = 0; i < table.length; i++) {
            table[i] = (float) random.nextGaussian();
        }
        float[] added = addTo(table, side, 3, new ImageGrid(1, side, side));
        // Patch order: block (0,0) = cells (0,0) (0,1) (1,0) (1,1), then block (0,1) = (0,2) (0,3) (1,2) (1,3), ...
        int[][] cells = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}};
        for (int p = 0; p < cells.length; p++) {
            int row = cells[p][0] * side + cells[p][1];
            float[] expected = {table[row * 3], table[row * 3 + 1], table[row * 3 + 2]};
            float[] actual = {added[p * 3], added[p * 3 + 1], added[p * 3 + 2]};
            assertArrayEquals(expected, actual, 1e-6f, "patch " + p);
        }
    }

    @Test
    void aLinearTableIsInterpolatedExactlyAtAlignedCornerCoordinates() {
        int side = 3;
        float[] table = new float[side * side * 2];
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                table[(r * side + c) * 2] = 10 * r + c; // linear in both: bilinear reproduces it
                table[(r * side + c) * 2 + 1] = 100 + r;
            }
        }
        ImageGrid grid = new ImageGrid(2, 4, 6); // two frames: the second repeats the first
        float[] added = addTo(table, side, 2, grid);
        int[] rc = PatchPositions.rowsThenColumns(List.of(grid), 2);
        int n = grid.patches();
        for (int p = 0; p < n; p++) {
            double y = rc[p] * (side - 1) / 3.0;     // h = 4 patches span the table's 3 rows
            double x = rc[n + p] * (side - 1) / 5.0; // w = 6 patches
            assertEquals(10 * y + x, added[2 * p], 1e-5, "patch " + p + " first value");
            assertEquals(100 + y, added[2 * p + 1], 2e-5, "patch " + p + " second value");
        }
    }

    private static float[] addTo(float[] table, int side, int hidden, ImageGrid grid) {
        Tensor t = BACKEND.fromFloats(table, DType.F32, side * side, hidden);
        Tensor x = BACKEND.allocate(DType.F32, grid.patches(), hidden);
        new VisionPositionEmbedding(t, side).addTo(BACKEND, x, List.of(grid), 2);
        return BACKEND.toFloats(x);
    }
}
