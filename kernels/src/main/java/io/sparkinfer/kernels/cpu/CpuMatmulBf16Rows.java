package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.CpuVectors.F;
import static io.sparkinfer.kernels.cpu.CpuVectors.LANES;

import io.sparkinfer.kernels.host.Bf16;
import jdk.incubator.vector.FloatVector;

/**
 * The decode shape of {@link CpuMatmul}: fewer x rows than a register tile against BF16 weights. There the
 * weights are read once, so widening them into a scratch block would only add traffic; each weight vector is
 * widened in registers as it is loaded instead. Widening is exact and the summation order is CpuMatmul's, so
 * the results are bitwise those of the batched path.
 */
final class CpuMatmulBf16Rows {

    private CpuMatmulBf16Rows() {}

    /** x rows {@code [0, n)} against weight rows {@code [from, to)} of {@code wb} (row size k, from wAt). */
    static void columns(float[] xs, int xAt, int n, int k, short[] wb, int wAt, int from, int to, float[] ys,
            int yAt, int ym) {
        float[] tmp = new float[4 * LANES]; // the lanes of a tile's accumulators
        for (int r = 0; r < n; r++) {
            int x0 = xAt + r * k;
            int c = from;
            for (; c + 4 <= to; c += 4) {
                tile1x4(xs, x0, k, wb, wAt + c * k, ys, yAt + r * ym + c, tmp);
            }
            for (; c < to; c++) {
                ys[yAt + r * ym + c] = dot(xs, x0, k, wb, wAt + c * k, tmp);
            }
        }
    }

    private static void tile1x4(float[] xs, int x0, int k, short[] wb, int w0, float[] ys, int y0, float[] tmp) {
        int w1 = w0 + k;
        int w2 = w1 + k;
        int w3 = w2 + k;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        int i = 0;
        for (int bound = k - LANES; i <= bound; i += LANES) {
            FloatVector u = FloatVector.fromArray(F, xs, x0 + i);
            a0 = u.fma(CpuVectors.loadBf16(wb, w0 + i), a0);
            a1 = u.fma(CpuVectors.loadBf16(wb, w1 + i), a1);
            a2 = u.fma(CpuVectors.loadBf16(wb, w2 + i), a2);
            a3 = u.fma(CpuVectors.loadBf16(wb, w3 + i), a3);
        }
        a0.intoArray(tmp, 0);
        a1.intoArray(tmp, LANES);
        a2.intoArray(tmp, 2 * LANES);
        a3.intoArray(tmp, 3 * LANES);
        ys[y0] = finish(tmp, 0, xs, x0, wb, w0, i, k);
        ys[y0 + 1] = finish(tmp, 1, xs, x0, wb, w1, i, k);
        ys[y0 + 2] = finish(tmp, 2, xs, x0, wb, w2, i, k);
        ys[y0 + 3] = finish(tmp, 3, xs, x0, wb, w3, i, k);
    }

    private static float dot(float[] xs, int x0, int k, short[] wb, int w0, float[] tmp) {
        FloatVector a = FloatVector.zero(F);
        int i = 0;
        for (int bound = k - LANES; i <= bound; i += LANES) {
            a = FloatVector.fromArray(F, xs, x0 + i).fma(CpuVectors.loadBf16(wb, w0 + i), a);
        }
        a.intoArray(tmp, 0);
        return finish(tmp, 0, xs, x0, wb, w0, i, k);
    }

    /** As CpuMatmul.finish: the lanes in order, then the scalar tail. */
    private static float finish(float[] lanes, int which, float[] xs, int x0, short[] wb, int w0, int from, int k) {
        int at = which * LANES;
        float sum = lanes[at];
        for (int l = 1; l < LANES; l++) {
            sum += lanes[at + l];
        }
        for (int i = from; i < k; i++) {
            sum = Math.fma(xs[x0 + i], Bf16.toFloat(wb[w0 + i]), sum);
        }
        return sum;
    }
}
