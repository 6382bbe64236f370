package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.CpuVectors.F;
import static io.sparkinfer.kernels.cpu.CpuVectors.LANES;
import static io.sparkinfer.kernels.cpu.GemmPanels.WIDTH;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register kernels of {@link CpuGemm}, over {@code kc} steps of k of packed panels ({@link GemmPanels}):
 * F32, or BF16 pairs (one int holds a column of the panel's first vector in its low half and the matching
 * column of the second vector in its high half, so one int load and a shift or a mask widen both exactly).
 * Each output value has its own accumulator lane and takes {@code acc = fma(x[kk], w[kk], acc)} for kk in
 * increasing order, starting from zero ({@code load} false) or from the value already in y (a later block of
 * k): every kernel shape gives the same bits for a value, so a row's result does not depend on how rows or
 * columns are tiled. Outputs are whole panels: the caller passes a scratch tile for a padded last panel.
 * Offsets into {@code wp} count floats for F32 panels and ints (half as many) for BF16 ones. Two copies of
 * the same shapes, one per dtype: keep them in step.
 */
final class GemmKernels {
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
    private static final int HIGH_HALF = 0xFFFF0000;

    private GemmKernels() {}

    /** The bf16 values in the low halves of {@code pair}, widened. */
    private static FloatVector low(IntVector pair) {
        return pair.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    /** The bf16 values in the high halves of {@code pair}, widened. */
    private static FloatVector high(IntVector pair) {
        return pair.and(HIGH_HALF).reinterpretAsFloats();
    }

    /** Six x rows ({@code xStride} apart) times one panel: 12 accumulators, one broadcast x value per row. */
    static void rows6F32(float[] xs, int x0, int xStride, float[] wp, int w0, int kc, float[] ys, int y0, int ym,
            boolean load) {
        FloatVector c00 = load ? FloatVector.fromArray(F, ys, y0) : FloatVector.zero(F);
        FloatVector c01 = load ? FloatVector.fromArray(F, ys, y0 + LANES) : FloatVector.zero(F);
        FloatVector c10 = load ? FloatVector.fromArray(F, ys, y0 + ym) : FloatVector.zero(F);
        FloatVector c11 = load ? FloatVector.fromArray(F, ys, y0 + ym + LANES) : FloatVector.zero(F);
        FloatVector c20 = load ? FloatVector.fromArray(F, ys, y0 + 2 * ym) : FloatVector.zero(F);
        FloatVector c21 = load ? FloatVector.fromArray(F, ys, y0 + 2 * ym + LANES) : FloatVector.zero(F);
        FloatVector c30 = load ? FloatVector.fromArray(F, ys, y0 + 3 * ym) : FloatVector.zero(F);
        FloatVector c31 = load ? FloatVector.fromArray(F, ys, y0 + 3 * ym + LANES) : FloatVector.zero(F);
        FloatVector c40 = load ? FloatVector.fromArray(F, ys, y0 + 4 * ym) : FloatVector.zero(F);
        FloatVector c41 = load ? FloatVector.fromArray(F, ys, y0 + 4 * ym + LANES) : FloatVector.zero(F);
        FloatVector c50 = load ? FloatVector.fromArray(F, ys, y0 + 5 * ym) : FloatVector.zero(F);
        FloatVector c51 = load ? FloatVector.fromArray(F, ys, y0 + 5 * ym + LANES) : FloatVector.zero(F);
        int x1 = x0 + xStride;
        int x2 = x1 + xStride;
        int x3 = x2 + xStride;
        int x4 = x3 + xStride;
        int x5 = x4 + xStride;
        for (int i = 0; i < kc; i++) {
            int at = w0 + i * WIDTH;
            FloatVector b0 = FloatVector.fromArray(F, wp, at);
            FloatVector b1 = FloatVector.fromArray(F, wp, at + LANES);
            FloatVector a = FloatVector.broadcast(F, xs[x0 + i]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(F, xs[x1 + i]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(F, xs[x2 + i]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(F, xs[x3 + i]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(F, xs[x4 + i]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(F, xs[x5 + i]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        c00.intoArray(ys, y0);
        c01.intoArray(ys, y0 + LANES);
        c10.intoArray(ys, y0 + ym);
        c11.intoArray(ys, y0 + ym + LANES);
        c20.intoArray(ys, y0 + 2 * ym);
        c21.intoArray(ys, y0 + 2 * ym + LANES);
        c30.intoArray(ys, y0 + 3 * ym);
        c31.intoArray(ys, y0 + 3 * ym + LANES);
        c40.intoArray(ys, y0 + 4 * ym);
        c41.intoArray(ys, y0 + 4 * ym + LANES);
        c50.intoArray(ys, y0 + 5 * ym);
        c51.intoArray(ys, y0 + 5 * ym + LANES);
    }

    /** One x row times one panel (rows left over after the 6-row tiles). */
    static void row1F32(float[] xs, int x0, float[] wp, int w0, int kc, float[] ys, int y0, boolean load) {
        FloatVector c0 = load ? FloatVector.fromArray(F, ys, y0) : FloatVector.zero(F);
        FloatVector c1 = load ? FloatVector.fromArray(F, ys, y0 + LANES) : FloatVector.zero(F);
        for (int i = 0; i < kc; i++) {
            int at = w0 + i * WIDTH;
            FloatVector b0 = FloatVector.fromArray(F, wp, at);
            FloatVector b1 = FloatVector.fromArray(F, wp, at + LANES);
            FloatVector a = FloatVector.broadcast(F, xs[x0 + i]);
            c0 = a.fma(b0, c0);
            c1 = a.fma(b1, c1);
        }
        c0.intoArray(ys, y0);
        c1.intoArray(ys, y0 + LANES);
    }

    /**
     * One x row times four consecutive panels ({@code panelStride} apart): the decode shape, 8 independent
     * accumulators to hide the FMA latency; the columns of panel q start at {@code y0 + q * WIDTH}.
     */
    static void row1x4F32(float[] xs, int x0, float[] wp, int w0, int panelStride, int kc, float[] ys, int y0,
            boolean load) {
        FloatVector c00 = load ? FloatVector.fromArray(F, ys, y0) : FloatVector.zero(F);
        FloatVector c01 = load ? FloatVector.fromArray(F, ys, y0 + LANES) : FloatVector.zero(F);
        FloatVector c10 = load ? FloatVector.fromArray(F, ys, y0 + 2 * LANES) : FloatVector.zero(F);
        FloatVector c11 = load ? FloatVector.fromArray(F, ys, y0 + 3 * LANES) : FloatVector.zero(F);
        FloatVector c20 = load ? FloatVector.fromArray(F, ys, y0 + 4 * LANES) : FloatVector.zero(F);
        FloatVector c21 = load ? FloatVector.fromArray(F, ys, y0 + 5 * LANES) : FloatVector.zero(F);
        FloatVector c30 = load ? FloatVector.fromArray(F, ys, y0 + 6 * LANES) : FloatVector.zero(F);
        FloatVector c31 = load ? FloatVector.fromArray(F, ys, y0 + 7 * LANES) : FloatVector.zero(F);
        int p1 = w0 + panelStride;
        int p2 = p1 + panelStride;
        int p3 = p2 + panelStride;
        for (int i = 0; i < kc; i++) {
            int at = i * WIDTH;
            FloatVector a = FloatVector.broadcast(F, xs[x0 + i]);
            FloatVector b00 = FloatVector.fromArray(F, wp, w0 + at);
            FloatVector b01 = FloatVector.fromArray(F, wp, w0 + at + LANES);
            c00 = a.fma(b00, c00);
            c01 = a.fma(b01, c01);
            FloatVector b10 = FloatVector.fromArray(F, wp, p1 + at);
            FloatVector b11 = FloatVector.fromArray(F, wp, p1 + at + LANES);
            c10 = a.fma(b10, c10);
            c11 = a.fma(b11, c11);
            FloatVector b20 = FloatVector.fromArray(F, wp, p2 + at);
            FloatVector b21 = FloatVector.fromArray(F, wp, p2 + at + LANES);
            c20 = a.fma(b20, c20);
            c21 = a.fma(b21, c21);
            FloatVector b30 = FloatVector.fromArray(F, wp, p3 + at);
            FloatVector b31 = FloatVector.fromArray(F, wp, p3 + at + LANES);
            c30 = a.fma(b30, c30);
            c31 = a.fma(b31, c31);
        }
        c00.intoArray(ys, y0);
        c01.intoArray(ys, y0 + LANES);
        c10.intoArray(ys, y0 + 2 * LANES);
        c11.intoArray(ys, y0 + 3 * LANES);
        c20.intoArray(ys, y0 + 4 * LANES);
        c21.intoArray(ys, y0 + 5 * LANES);
        c30.intoArray(ys, y0 + 6 * LANES);
        c31.intoArray(ys, y0 + 7 * LANES);
    }

    /** Six x rows ({@code xStride} apart) times one panel: 12 accumulators, one broadcast x value per row. */
    static void rows6Bf16(float[] xs, int x0, int xStride, int[] wp, int w0, int kc, float[] ys, int y0, int ym,
            boolean load) {
        FloatVector c00 = load ? FloatVector.fromArray(F, ys, y0) : FloatVector.zero(F);
        FloatVector c01 = load ? FloatVector.fromArray(F, ys, y0 + LANES) : FloatVector.zero(F);
        FloatVector c10 = load ? FloatVector.fromArray(F, ys, y0 + ym) : FloatVector.zero(F);
        FloatVector c11 = load ? FloatVector.fromArray(F, ys, y0 + ym + LANES) : FloatVector.zero(F);
        FloatVector c20 = load ? FloatVector.fromArray(F, ys, y0 + 2 * ym) : FloatVector.zero(F);
        FloatVector c21 = load ? FloatVector.fromArray(F, ys, y0 + 2 * ym + LANES) : FloatVector.zero(F);
        FloatVector c30 = load ? FloatVector.fromArray(F, ys, y0 + 3 * ym) : FloatVector.zero(F);
        FloatVector c31 = load ? FloatVector.fromArray(F, ys, y0 + 3 * ym + LANES) : FloatVector.zero(F);
        FloatVector c40 = load ? FloatVector.fromArray(F, ys, y0 + 4 * ym) : FloatVector.zero(F);
        FloatVector c41 = load ? FloatVector.fromArray(F, ys, y0 + 4 * ym + LANES) : FloatVector.zero(F);
        FloatVector c50 = load ? FloatVector.fromArray(F, ys, y0 + 5 * ym) : FloatVector.zero(F);
        FloatVector c51 = load ? FloatVector.fromArray(F, ys, y0 + 5 * ym + LANES) : FloatVector.zero(F);
        int x1 = x0 + xStride;
        int x2 = x1 + xStride;
        int x3 = x2 + xStride;
        int x4 = x3 + xStride;
        int x5 = x4 + xStride;
        for (int i = 0; i < kc; i++) {
            int at = w0 + i * LANES;
            IntVector pairb0 = IntVector.fromArray(I, wp, at);
            FloatVector b0 = low(pairb0);
            FloatVector b1 = high(pairb0);
            FloatVector a = FloatVector.broadcast(F, xs[x0 + i]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(F, xs[x1 + i]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(F, xs[x2 + i]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(F, xs[x3 + i]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(F, xs[x4 + i]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(F, xs[x5 + i]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        c00.intoArray(ys, y0);
        c01.intoArray(ys, y0 + LANES);
        c10.intoArray(ys, y0 + ym);
        c11.intoArray(ys, y0 + ym + LANES);
        c20.intoArray(ys, y0 + 2 * ym);
        c21.intoArray(ys, y0 + 2 * ym + LANES);
        c30.intoArray(ys, y0 + 3 * ym);
        c31.intoArray(ys, y0 + 3 * ym + LANES);
        c40.intoArray(ys, y0 + 4 * ym);
        c41.intoArray(ys, y0 + 4 * ym + LANES);
        c50.intoArray(ys, y0 + 5 * ym);
        c51.intoArray(ys, y0 + 5 * ym + LANES);
    }

    /** One x row times one panel (rows left over after the 6-row tiles). */
    static void row1Bf16(float[] xs, int x0, int[] wp, int w0, int kc, float[] ys, int y0, boolean load) {
        FloatVector c0 = load ? FloatVector.fromArray(F, ys, y0) : FloatVector.zero(F);
        FloatVector c1 = load ? FloatVector.fromArray(F, ys, y0 + LANES) : FloatVector.zero(F);
        for (int i = 0; i < kc; i++) {
            int at = w0 + i * LANES;
            IntVector pairb0 = IntVector.fromArray(I, wp, at);
            FloatVector b0 = low(pairb0);
            FloatVector b1 = high(pairb0);
            FloatVector a = FloatVector.broadcast(F, xs[x0 + i]);
            c0 = a.fma(b0, c0);
            c1 = a.fma(b1, c1);
        }
        c0.intoArray(ys, y0);
        c1.intoArray(ys, y0 + LANES);
    }

    /**
     * One x row times four consecutive panels ({@code panelStride} apart): the decode shape, 8 independent
     * accumulators to hide the FMA latency; the columns of panel q start at {@code y0 + q * WIDTH}.
     */
    static void row1x4Bf16(float[] xs, int x0, int[] wp, int w0, int panelStride, int kc, float[] ys, int y0,
            boolean load) {
        FloatVector c00 = load ? FloatVector.fromArray(F, ys, y0) : FloatVector.zero(F);
        FloatVector c01 = load ? FloatVector.fromArray(F, ys, y0 + LANES) : FloatVector.zero(F);
        FloatVector c10 = load ? FloatVector.fromArray(F, ys, y0 + 2 * LANES) : FloatVector.zero(F);
        FloatVector c11 = load ? FloatVector.fromArray(F, ys, y0 + 3 * LANES) : FloatVector.zero(F);
        FloatVector c20 = load ? FloatVector.fromArray(F, ys, y0 + 4 * LANES) : FloatVector.zero(F);
        FloatVector c21 = load ? FloatVector.fromArray(F, ys, y0 + 5 * LANES) : FloatVector.zero(F);
        FloatVector c30 = load ? FloatVector.fromArray(F, ys, y0 + 6 * LANES) : FloatVector.zero(F);
        FloatVector c31 = load ? FloatVector.fromArray(F, ys, y0 + 7 * LANES) : FloatVector.zero(F);
        int p1 = w0 + panelStride;
        int p2 = p1 + panelStride;
        int p3 = p2 + panelStride;
        for (int i = 0; i < kc; i++) {
            int at = i * LANES;
            FloatVector a = FloatVector.broadcast(F, xs[x0 + i]);
            IntVector pairb00 = IntVector.fromArray(I, wp, w0 + at);
            FloatVector b00 = low(pairb00);
            FloatVector b01 = high(pairb00);
            c00 = a.fma(b00, c00);
            c01 = a.fma(b01, c01);
            IntVector pairb10 = IntVector.fromArray(I, wp, p1 + at);
            FloatVector b10 = low(pairb10);
            FloatVector b11 = high(pairb10);
            c10 = a.fma(b10, c10);
            c11 = a.fma(b11, c11);
            IntVector pairb20 = IntVector.fromArray(I, wp, p2 + at);
            FloatVector b20 = low(pairb20);
            FloatVector b21 = high(pairb20);
            c20 = a.fma(b20, c20);
            c21 = a.fma(b21, c21);
            IntVector pairb30 = IntVector.fromArray(I, wp, p3 + at);
            FloatVector b30 = low(pairb30);
            FloatVector b31 = high(pairb30);
            c30 = a.fma(b30, c30);
            c31 = a.fma(b31, c31);
        }
        c00.intoArray(ys, y0);
        c01.intoArray(ys, y0 + LANES);
        c10.intoArray(ys, y0 + 2 * LANES);
        c11.intoArray(ys, y0 + 3 * LANES);
        c20.intoArray(ys, y0 + 4 * LANES);
        c21.intoArray(ys, y0 + 5 * LANES);
        c30.intoArray(ys, y0 + 6 * LANES);
        c31.intoArray(ys, y0 + 7 * LANES);
    }
}
