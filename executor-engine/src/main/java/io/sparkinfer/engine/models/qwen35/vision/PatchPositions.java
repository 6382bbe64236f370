package io.sparkinfer.engine.models.qwen35.vision;

import java.util.List;

/**
 * Where each patch of pixel_values sits in its image (spec section 4 step 3): patches come in merge-block
 * order (t, block row, block column, row in block, column in block), so patch i of an image has
 * {@code row = blockRow * m + inRow} and {@code col = blockCol * m + inCol}.
 */
final class PatchPositions {

    private PatchPositions() {
    }

    /** 2 * N ints for every patch of every image in order: the N rows, then the N columns. */
    static int[] rowsThenColumns(List<ImageGrid> grids, int merge) {
        int total = grids.stream().mapToInt(ImageGrid::patches).sum();
        int[] out = new int[2 * total];
        int i = 0;
        for (ImageGrid g : grids) {
            g.requireMergeable(merge);
            for (int frame = 0; frame < g.t(); frame++) {
                for (int blockRow = 0; blockRow < g.h() / merge; blockRow++) {
                    for (int blockCol = 0; blockCol < g.w() / merge; blockCol++) {
                        for (int inRow = 0; inRow < merge; inRow++) {
                            for (int inCol = 0; inCol < merge; inCol++) {
                                out[i] = blockRow * merge + inRow;
                                out[total + i] = blockCol * merge + inCol;
                                i++;
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
