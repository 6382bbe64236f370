package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.CpuVectors.F;
import static io.sparkinfer.kernels.cpu.CpuVectors.LANES;

import jdk.incubator.vector.FloatVector;

/**
 * {@code C += A · B} for the small matrices of one delta-rule chunk, in f32, with vectors along C's columns.
 * A is read through any strides (so Aᵀ costs nothing), B and C by rows. Every element of C is
 * {@code fma(a_m, b_m, acc)} over m in increasing order whatever the blocking (2 rows and 4 vectors at a time,
 * then 1 row and 1 vector, then scalar), so a value depends only on the operands.
 */
final class CpuChunkProducts {

    /** A matrix in an array: element (r, m) is {@code values[at + r * rowStride + m * colStride]}. */
    record Strided(float[] values, int at, int rowStride, int colStride) {
        static Strided rows(float[] values, int at, int rowStride) {
            return new Strided(values, at, rowStride, 1);
        }

        /** The transpose of the row-major matrix at {@code at} whose rows are {@code rowStride} apart. */
        static Strided transposed(float[] values, int at, int rowStride) {
            return new Strided(values, at, 1, rowStride);
        }

        int index(int r, int m) {
            return at + r * rowStride + m * colStride;
        }
    }

    private CpuChunkProducts() {}

    /**
     * {@code C[rows, cols] += A[rows, inner] · B[inner, cols]}. With {@code lowerA} row r reads A only at
     * m ≤ r; A must then hold zeros above its diagonal inside each pair of rows (they are read).
     */
    static void multiplyAdd(Strided a, Strided b, Strided c, int rows, int inner, int cols, boolean lowerA) {
        int r = 0;
        for (; r + 2 <= rows; r += 2) {
            int end = lowerA ? Math.min(inner, r + 2) : inner;
            int j = twoRows(a, b, c, r, end, cols);
            columnsFrom(j, a, b, c, r, end, cols);
            columnsFrom(j, a, b, c, r + 1, end, cols);
        }
        if (r < rows) {
            columnsFrom(0, a, b, c, r, lowerA ? Math.min(inner, r + 1) : inner, cols);
        }
    }

    /** Rows r and r + 1 in strips of 4 vectors (8 accumulators); returns the first column left. */
    private static int twoRows(Strided a, Strided b, Strided c, int r, int end, int cols) {
        float[] av = a.values();
        float[] bv = b.values();
        float[] cv = c.values();
        int a0 = a.index(r, 0);
        int a1 = a.index(r + 1, 0);
        int am = a.colStride();
        int c0 = c.index(r, 0);
        int c1 = c.index(r + 1, 0);
        int b0 = b.at();
        int br = b.rowStride();
        int j = 0;
        for (; j + 4 * LANES <= cols; j += 4 * LANES) {
            FloatVector s00 = FloatVector.fromArray(F, cv, c0 + j);
            FloatVector s01 = FloatVector.fromArray(F, cv, c0 + j + LANES);
            FloatVector s02 = FloatVector.fromArray(F, cv, c0 + j + 2 * LANES);
            FloatVector s03 = FloatVector.fromArray(F, cv, c0 + j + 3 * LANES);
            FloatVector s10 = FloatVector.fromArray(F, cv, c1 + j);
            FloatVector s11 = FloatVector.fromArray(F, cv, c1 + j + LANES);
            FloatVector s12 = FloatVector.fromArray(F, cv, c1 + j + 2 * LANES);
            FloatVector s13 = FloatVector.fromArray(F, cv, c1 + j + 3 * LANES);
            for (int m = 0; m < end; m++) {
                int bAt = b0 + m * br + j;
                FloatVector x0 = FloatVector.fromArray(F, bv, bAt);
                FloatVector x1 = FloatVector.fromArray(F, bv, bAt + LANES);
                FloatVector x2 = FloatVector.fromArray(F, bv, bAt + 2 * LANES);
                FloatVector x3 = FloatVector.fromArray(F, bv, bAt + 3 * LANES);
                FloatVector y = FloatVector.broadcast(F, av[a0 + m * am]);
                s00 = x0.fma(y, s00);
                s01 = x1.fma(y, s01);
                s02 = x2.fma(y, s02);
                s03 = x3.fma(y, s03);
                y = FloatVector.broadcast(F, av[a1 + m * am]);
                s10 = x0.fma(y, s10);
                s11 = x1.fma(y, s11);
                s12 = x2.fma(y, s12);
                s13 = x3.fma(y, s13);
            }
            s00.intoArray(cv, c0 + j);
            s01.intoArray(cv, c0 + j + LANES);
            s02.intoArray(cv, c0 + j + 2 * LANES);
            s03.intoArray(cv, c0 + j + 3 * LANES);
            s10.intoArray(cv, c1 + j);
            s11.intoArray(cv, c1 + j + LANES);
            s12.intoArray(cv, c1 + j + 2 * LANES);
            s13.intoArray(cv, c1 + j + 3 * LANES);
        }
        return j;
    }

    /** Row r's columns from {@code j}: whole vectors, then one at a time. */
    private static void columnsFrom(int j, Strided a, Strided b, Strided c, int r, int end, int cols) {
        float[] av = a.values();
        float[] bv = b.values();
        float[] cv = c.values();
        int a0 = a.index(r, 0);
        int am = a.colStride();
        int c0 = c.index(r, 0);
        int b0 = b.at();
        int br = b.rowStride();
        for (; j + LANES <= cols; j += LANES) {
            FloatVector s = FloatVector.fromArray(F, cv, c0 + j);
            for (int m = 0; m < end; m++) {
                s = FloatVector.fromArray(F, bv, b0 + m * br + j).fma(FloatVector.broadcast(F, av[a0 + m * am]), s);
            }
            s.intoArray(cv, c0 + j);
        }
        for (; j < cols; j++) {
            float s = cv[c0 + j];
            for (int m = 0; m < end; m++) {
                s = Math.fma(bv[b0 + m * br + j], av[a0 + m * am], s);
            }
            cv[c0 + j] = s;
        }
    }
}
