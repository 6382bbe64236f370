package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.CpuVectors.F;
import static io.sparkinfer.kernels.cpu.CpuVectors.LANES;

import jdk.incubator.vector.FloatVector;

/**
 * {@code C ±= A · B} for the small matrices of one delta-rule chunk, in f32, with vectors along C's columns.
 * A is read through any strides (so Aᵀ costs nothing), B and C by rows. Every element of C is
 * {@code fma(±a_m, b_m, acc)} over m in increasing order whatever the blocking (4 rows and 2 vectors at a time,
 * then 1 row, 1 vector, scalar), so a value depends only on the operands.
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

    private static final int ROWS = 4;

    private CpuChunkProducts() {}

    /**
     * {@code C[rows, cols] += sign · A[rows, inner] · B[inner, cols]}, sign ±1. With {@code lowerA} row r reads
     * A only at m ≤ r; A must then hold zeros above its diagonal inside each block of 4 rows (they are read).
     */
    static void multiplyAdd(Strided a, Strided b, Strided c, int rows, int inner, int cols, boolean lowerA,
            float sign) {
        int r = 0;
        for (; r + ROWS <= rows; r += ROWS) {
            int end = lowerA ? Math.min(inner, r + ROWS) : inner;
            fourRows(a, b, c, r, end, cols, sign);
        }
        for (; r < rows; r++) {
            int end = lowerA ? Math.min(inner, r + 1) : inner;
            oneRow(a, b, c, r, end, cols, sign);
        }
    }

    private static void fourRows(Strided a, Strided b, Strided c, int r, int end, int cols, float sign) {
        float[] av = a.values();
        float[] bv = b.values();
        float[] cv = c.values();
        int a0 = a.index(r, 0);
        int ar = a.rowStride();
        int am = a.colStride();
        int c0 = c.index(r, 0);
        int cr = c.rowStride();
        int br = b.rowStride();
        int j = 0;
        for (; j + 2 * LANES <= cols; j += 2 * LANES) {
            FloatVector s00 = FloatVector.fromArray(F, cv, c0 + j);
            FloatVector s01 = FloatVector.fromArray(F, cv, c0 + j + LANES);
            FloatVector s10 = FloatVector.fromArray(F, cv, c0 + cr + j);
            FloatVector s11 = FloatVector.fromArray(F, cv, c0 + cr + j + LANES);
            FloatVector s20 = FloatVector.fromArray(F, cv, c0 + 2 * cr + j);
            FloatVector s21 = FloatVector.fromArray(F, cv, c0 + 2 * cr + j + LANES);
            FloatVector s30 = FloatVector.fromArray(F, cv, c0 + 3 * cr + j);
            FloatVector s31 = FloatVector.fromArray(F, cv, c0 + 3 * cr + j + LANES);
            for (int m = 0; m < end; m++) {
                int bAt = b.at() + m * br + j;
                FloatVector b0 = FloatVector.fromArray(F, bv, bAt);
                FloatVector b1 = FloatVector.fromArray(F, bv, bAt + LANES);
                int aAt = a0 + m * am;
                FloatVector x = FloatVector.broadcast(F, sign * av[aAt]);
                s00 = b0.fma(x, s00);
                s01 = b1.fma(x, s01);
                x = FloatVector.broadcast(F, sign * av[aAt + ar]);
                s10 = b0.fma(x, s10);
                s11 = b1.fma(x, s11);
                x = FloatVector.broadcast(F, sign * av[aAt + 2 * ar]);
                s20 = b0.fma(x, s20);
                s21 = b1.fma(x, s21);
                x = FloatVector.broadcast(F, sign * av[aAt + 3 * ar]);
                s30 = b0.fma(x, s30);
                s31 = b1.fma(x, s31);
            }
            s00.intoArray(cv, c0 + j);
            s01.intoArray(cv, c0 + j + LANES);
            s10.intoArray(cv, c0 + cr + j);
            s11.intoArray(cv, c0 + cr + j + LANES);
            s20.intoArray(cv, c0 + 2 * cr + j);
            s21.intoArray(cv, c0 + 2 * cr + j + LANES);
            s30.intoArray(cv, c0 + 3 * cr + j);
            s31.intoArray(cv, c0 + 3 * cr + j + LANES);
        }
        for (int row = 0; row < ROWS; row++) {
            columnsFrom(j, a, b, c, r + row, end, cols, sign);
        }
    }

    private static void oneRow(Strided a, Strided b, Strided c, int r, int end, int cols, float sign) {
        float[] av = a.values();
        float[] bv = b.values();
        float[] cv = c.values();
        int a0 = a.index(r, 0);
        int c0 = c.index(r, 0);
        int j = 0;
        for (; j + 2 * LANES <= cols; j += 2 * LANES) {
            FloatVector s0 = FloatVector.fromArray(F, cv, c0 + j);
            FloatVector s1 = FloatVector.fromArray(F, cv, c0 + j + LANES);
            for (int m = 0; m < end; m++) {
                int bAt = b.at() + m * b.rowStride() + j;
                FloatVector x = FloatVector.broadcast(F, sign * av[a0 + m * a.colStride()]);
                s0 = FloatVector.fromArray(F, bv, bAt).fma(x, s0);
                s1 = FloatVector.fromArray(F, bv, bAt + LANES).fma(x, s1);
            }
            s0.intoArray(cv, c0 + j);
            s1.intoArray(cv, c0 + j + LANES);
        }
        columnsFrom(j, a, b, c, r, end, cols, sign);
    }

    /** Row r's columns from {@code j}: whole vectors, then one at a time. */
    private static void columnsFrom(int j, Strided a, Strided b, Strided c, int r, int end, int cols, float sign) {
        float[] av = a.values();
        float[] bv = b.values();
        float[] cv = c.values();
        int a0 = a.index(r, 0);
        int c0 = c.index(r, 0);
        for (; j + LANES <= cols; j += LANES) {
            FloatVector s = FloatVector.fromArray(F, cv, c0 + j);
            for (int m = 0; m < end; m++) {
                FloatVector x = FloatVector.broadcast(F, sign * av[a0 + m * a.colStride()]);
                s = FloatVector.fromArray(F, bv, b.at() + m * b.rowStride() + j).fma(x, s);
            }
            s.intoArray(cv, c0 + j);
        }
        for (; j < cols; j++) {
            float s = cv[c0 + j];
            for (int m = 0; m < end; m++) {
                s = Math.fma(bv[b.at() + m * b.rowStride() + j], sign * av[a0 + m * a.colStride()], s);
            }
            cv[c0 + j] = s;
        }
    }
}
