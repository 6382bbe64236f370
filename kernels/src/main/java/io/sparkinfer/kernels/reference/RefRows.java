package io.sparkinfer.kernels.reference;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.OpCall;
import io.sparkinfer.kernels.host.HostTensor;

/** Row and column movement between F32 tensors: MoE dispatch and combine, splitting fused projections. */
final class RefRows {

    private RefRows() {}

    /** dst[i, :] = src[rows[i], :]. */
    static void gatherRows(Tensor srcT, int[] rows, Tensor dstT) {
        OpCall call = new OpCall("gatherRows", "src", srcT, "rows", rows, "dst", dstT);
        HostTensor src = call.f32("src", srcT);
        call.notNull("rows", rows);
        HostTensor dst = call.f32("dst", dstT);
        int rowSize = src.rowSize();
        call.expect("dst", dst, rows.length, rowSize);
        checkRowIndices(call, rows, src.rows(), "src");
        call.disjoint("dst", dst, "src", src);
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(src.f32(), src.offset() + rows[i] * rowSize, dst.f32(), dst.offset() + i * rowSize,
                    rowSize);
        }
    }

    /** dst[rows[i], :] += weights[i] * src[i, :], in order of i (a row may repeat). */
    static void scatterAddRows(Tensor srcT, int[] rows, float[] weights, Tensor dstT) {
        OpCall call = new OpCall("scatterAddRows", "src", srcT, "rows", rows, "weights", weights, "dst", dstT);
        HostTensor src = call.f32("src", srcT);
        call.notNull("rows", rows);
        call.notNull("weights", weights);
        HostTensor dst = call.f32("dst", dstT);
        int rowSize = src.rowSize();
        call.expect("src", src, rows.length, rowSize);
        call.require(weights.length == rows.length, "weights must hold one value per row index ("
                + rows.length + "), got " + weights.length);
        call.expectRowSize("dst", dst, rowSize);
        checkRowIndices(call, rows, dst.rows(), "dst");
        call.disjoint("dst", dst, "src", src);
        float[] ds = dst.f32();
        for (int i = 0; i < rows.length; i++) {
            int to = dst.offset() + rows[i] * rowSize;
            int from = src.offset() + i * rowSize;
            for (int c = 0; c < rowSize; c++) {
                ds[to + c] = (float) (ds[to + c] + (double) weights[i] * src.f32()[from + c]);
            }
        }
    }

    /** dst[rows[i], :] = src[i, :]; the row indices must be distinct. */
    static void scatterRows(Tensor srcT, int[] rows, Tensor dstT) {
        OpCall call = new OpCall("scatterRows", "src", srcT, "rows", rows, "dst", dstT);
        HostTensor src = call.f32("src", srcT);
        call.notNull("rows", rows);
        HostTensor dst = call.f32("dst", dstT);
        int rowSize = src.rowSize();
        call.expect("src", src, rows.length, rowSize);
        call.expectRowSize("dst", dst, rowSize);
        checkRowIndices(call, rows, dst.rows(), "dst");
        call.require(java.util.Arrays.stream(rows).distinct().count() == rows.length,
                "rows must be distinct (each dst row is written once)");
        call.disjoint("dst", dst, "src", src);
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(src.f32(), src.offset() + i * rowSize, dst.f32(), dst.offset() + rows[i] * rowSize,
                    rowSize);
        }
    }

    /** dst[r, dstCol + c] = src[r, srcCol + c] for c < width, every row. */
    static void copyColumns(Tensor srcT, int srcCol, Tensor dstT, int dstCol, int width) {
        OpCall call = new OpCall("copyColumns", "src", srcT, "srcCol", srcCol, "dst", dstT, "dstCol", dstCol,
                "width", width);
        HostTensor src = call.f32("src", srcT);
        HostTensor dst = call.f32("dst", dstT);
        call.require(dst.rows() == src.rows(), "dst must have the " + src.rows() + " rows of src");
        call.require(width >= 0, "width must not be negative");
        call.require(srcCol >= 0 && (long) srcCol + width <= src.rowSize(),
                "columns [srcCol, srcCol + width) must lie within src's " + src.rowSize() + " columns");
        call.require(dstCol >= 0 && (long) dstCol + width <= dst.rowSize(),
                "columns [dstCol, dstCol + width) must lie within dst's " + dst.rowSize() + " columns");
        call.disjoint("dst", dst, "src", src);
        for (int r = 0; r < src.rows(); r++) {
            System.arraycopy(src.f32(), src.offset() + r * src.rowSize() + srcCol,
                    dst.f32(), dst.offset() + r * dst.rowSize() + dstCol, width);
        }
    }

    private static void checkRowIndices(OpCall call, int[] rows, int limit, String tensorName) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= limit) {
                throw call.fail("rows[" + i + "] = " + rows[i] + " is outside " + tensorName + "'s " + limit
                        + " rows");
            }
        }
    }
}
