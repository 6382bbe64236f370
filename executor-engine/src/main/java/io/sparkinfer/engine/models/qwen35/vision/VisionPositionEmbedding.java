package io.sparkinfer.engine.models.qwen35.vision;

import io.sparkinfer.engine.layers.WeightUploader;
import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import java.util.List;

/**
 * The learned position table {@code pos_embed.weight [side², Hv]} resampled to each image's patch grid by
 * bilinear interpolation with align_corners = True (spec section 4 step 2): patch (row, col) of an h x w grid
 * reads the table at {@code (row * (side-1)/(h-1), col * (side-1)/(w-1))} (0 for a side of one patch). The
 * four corner rows are gathered and added, weighted, onto the patch embeddings in place.
 */
final class VisionPositionEmbedding {
    private final Tensor table; // [side * side, Hv] F32: gatherRows reads F32 rows
    private final int side;

    /** {@code table} [side * side, Hv] F32. */
    VisionPositionEmbedding(Tensor table, int side) {
        if (table.rows() != side * side) {
            throw new IllegalArgumentException("[BUG] position table of " + table.rows() + " rows for a side of " + side);
        }
        this.table = table;
        this.side = side;
    }

    static VisionPositionEmbedding load(WeightUploader weights, String name, int side) {
        float[] values = weights.floats(name);
        int hidden = values.length / (side * side);
        return new VisionPositionEmbedding(weights.upload(values, DType.F32, side * side, hidden), side);
    }

    /** Adds the resampled position embedding to x [N, Hv], whose rows are the patches of {@code grids} in order. */
    void addTo(Backend backend, Tensor x, List<ImageGrid> grids, int merge) {
        int[] positions = PatchPositions.rowsThenColumns(grids, merge);
        int n = positions.length / 2;
        int[] corners = new int[4 * n];
        int[] targets = new int[4 * n];
        float[] weights = new float[4 * n];
        int patch = 0;
        for (ImageGrid g : grids) {
            for (int i = 0; i < g.patches(); i++, patch++) {
                double rowAt = coordinate(positions[patch], g.h());
                double colAt = coordinate(positions[n + patch], g.w());
                int y0 = (int) Math.floor(rowAt);
                int x0 = (int) Math.floor(colAt);
                int y1 = Math.min(y0 + 1, side - 1);
                int x1 = Math.min(x0 + 1, side - 1);
                double dy = rowAt - y0;
                double dx = colAt - x0;
                int at = 4 * patch;
                set(corners, targets, weights, at, y0 * side + x0, patch, (1 - dy) * (1 - dx));
                set(corners, targets, weights, at + 1, y0 * side + x1, patch, (1 - dy) * dx);
                set(corners, targets, weights, at + 2, y1 * side + x0, patch, dy * (1 - dx));
                set(corners, targets, weights, at + 3, y1 * side + x1, patch, dy * dx);
            }
        }
        try (Tensor gathered = backend.allocate(DType.F32, 4 * n, table.rowSize())) {
            backend.ops().gatherRows(table, corners, gathered);
            backend.ops().scatterAddRows(gathered, targets, weights, x);
        }
    }

    /** Table coordinate of patch index {@code i} along a side of {@code count} patches (align_corners = True). */
    private double coordinate(int i, int count) {
        return count == 1 ? 0 : (double) i * (side - 1) / (count - 1);
    }

    private static void set(int[] corners, int[] targets, float[] weights, int at, int corner, int target,
            double weight) {
        corners[at] = corner;
        targets[at] = target;
        weights[at] = (float) weight;
    }
}
