package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.CpuVectors.F;
import static io.sparkinfer.kernels.cpu.CpuVectors.LANES;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.HostTensor;
import io.sparkinfer.kernels.host.LinearChecks;
import jdk.incubator.vector.FloatVector;

/**
 * {@code y[n, m] = x[n, k] · w[m, k]ᵀ}. Threads split the output columns (weight rows) into equal ranges.
 * Each range is walked in blocks of weight rows that fit in L2 (BF16/F16 blocks are first widened with vector
 * shifts into a per-thread f32 scratch block, kept between calls: at most 256 KB per thread), and each block
 * is multiplied with every x row in register tiles of 4 x rows by 2 weight rows, so a weight vector loaded once
 * feeds 4 rows and the 8 accumulators are independent (4 by 4 was no faster here and would spill AVX2's 16
 * registers). Rows left over use tiles of 1 x row by 4 weight rows; with fewer rows than a tile and BF16
 * weights (decode), {@link CpuMatmulBf16Rows} widens in registers instead of through the scratch block.
 *
 * <p>Every output element has its own accumulator and the same summation order in every tile shape (one
 * vector accumulator over the vector body of k, lanes summed in order, then the scalar tail): a row's result
 * is bitwise the same whether it is multiplied alone or in a batch, on any number of threads.
 */
final class CpuMatmul {
    private static final int TILE_ROWS = 4;
    /** Floats of weights per cache block: 256 KB, well inside L2. */
    private static final int BLOCK_FLOATS = 64 * 1024;
    /** Multiply-adds below which a thread hand-off costs more than it saves. */
    private static final int MIN_FMAS_PER_PART = 1 << 16;
    private static final ThreadLocal<float[]> SCRATCH = new ThreadLocal<>();

    private CpuMatmul() {}

    static void matmul(CpuPool pool, Tensor xT, Tensor wT, Tensor yT) {
        LinearChecks.Matmul args = LinearChecks.matmul(xT, wT, yT);
        int m = args.m();
        if (args.n() == 0 || m == 0) {
            return;
        }
        long fmasPerColumn = Math.max(1L, (long) args.n() * args.k());
        int minColumns = (int) Math.min(m, Math.max(1, MIN_FMAS_PER_PART / fmasPerColumn));
        pool.forEachRange(m, minColumns, (part, from, to) -> columns(args.x(), args.w(), args.y(), from, to));
    }

    /** Output columns {@code [from, to)} for every row of x. */
    private static void columns(HostTensor x, HostTensor w, HostTensor y, int from, int to) {
        int k = x.rowSize();
        if (w.dtype() == DType.BF16 && x.rows() < TILE_ROWS) {
            CpuMatmulBf16Rows.columns(x.f32(), x.offset(), x.rows(), k, w.bits16(), w.offset(), from, to, y.f32(),
                    y.offset(), y.rowSize());
            return;
        }
        int blockRows = Math.max(1, BLOCK_FLOATS / Math.max(1, k));
        float[] tmp = new float[8 * LANES]; // the lanes of a tile's accumulators
        float[] scratch = w.dtype() == DType.F32 ? null : scratch(Math.min(blockRows, to - from) * k);
        for (int c = from; c < to; c += blockRows) {
            int cols = Math.min(blockRows, to - c);
            float[] ws;
            int wAt;
            if (scratch == null) {
                ws = w.f32();
                wAt = w.offset() + c * k;
            } else {
                CpuVectors.widen(w, c * k, scratch, 0, cols * k);
                ws = scratch;
                wAt = 0;
            }
            block(x.f32(), x.offset(), x.rows(), k, ws, wAt, cols, y.f32(), y.offset() + c, y.rowSize(), tmp);
        }
    }

    /** All n x rows against {@code cols} weight rows starting at {@code ws[wAt]}; y row stride {@code ym}. */
    private static void block(float[] xs, int xAt, int n, int k, float[] ws, int wAt, int cols, float[] ys, int yAt,
            int ym, float[] tmp) {
        int r = 0;
        for (; r + TILE_ROWS <= n; r += TILE_ROWS) {
            int c = 0;
            for (; c + 2 <= cols; c += 2) {
                tile4x2(xs, xAt + r * k, k, ws, wAt + c * k, ys, yAt + r * ym + c, ym, tmp);
            }
            for (; c < cols; c++) {
                for (int i = 0; i < TILE_ROWS; i++) {
                    ys[yAt + (r + i) * ym + c] = dot(xs, xAt + (r + i) * k, ws, wAt + c * k, k, tmp);
                }
            }
        }
        for (; r < n; r++) {
            int c = 0;
            for (; c + 4 <= cols; c += 4) {
                tile1x4(xs, xAt + r * k, k, ws, wAt + c * k, ys, yAt + r * ym + c, tmp);
            }
            for (; c < cols; c++) {
                ys[yAt + r * ym + c] = dot(xs, xAt + r * k, ws, wAt + c * k, k, tmp);
            }
        }
    }

    /** Four consecutive x rows (stride k) times two consecutive weight rows. */
    private static void tile4x2(float[] xs, int x0, int k, float[] ws, int w0, float[] ys, int y0, int ym,
            float[] tmp) {
        int x1 = x0 + k;
        int x2 = x1 + k;
        int x3 = x2 + k;
        int w1 = w0 + k;
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a01 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        FloatVector a11 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F);
        FloatVector a21 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F);
        FloatVector a31 = FloatVector.zero(F);
        int i = 0;
        for (int bound = k - LANES; i <= bound; i += LANES) {
            FloatVector v0 = FloatVector.fromArray(F, ws, w0 + i);
            FloatVector v1 = FloatVector.fromArray(F, ws, w1 + i);
            FloatVector u = FloatVector.fromArray(F, xs, x0 + i);
            a00 = u.fma(v0, a00);
            a01 = u.fma(v1, a01);
            u = FloatVector.fromArray(F, xs, x1 + i);
            a10 = u.fma(v0, a10);
            a11 = u.fma(v1, a11);
            u = FloatVector.fromArray(F, xs, x2 + i);
            a20 = u.fma(v0, a20);
            a21 = u.fma(v1, a21);
            u = FloatVector.fromArray(F, xs, x3 + i);
            a30 = u.fma(v0, a30);
            a31 = u.fma(v1, a31);
        }
        a00.intoArray(tmp, 0);
        a01.intoArray(tmp, LANES);
        a10.intoArray(tmp, 2 * LANES);
        a11.intoArray(tmp, 3 * LANES);
        a20.intoArray(tmp, 4 * LANES);
        a21.intoArray(tmp, 5 * LANES);
        a30.intoArray(tmp, 6 * LANES);
        a31.intoArray(tmp, 7 * LANES);
        ys[y0] = finish(tmp, 0, xs, x0, ws, w0, i, k);
        ys[y0 + 1] = finish(tmp, 1, xs, x0, ws, w1, i, k);
        ys[y0 + ym] = finish(tmp, 2, xs, x1, ws, w0, i, k);
        ys[y0 + ym + 1] = finish(tmp, 3, xs, x1, ws, w1, i, k);
        ys[y0 + 2 * ym] = finish(tmp, 4, xs, x2, ws, w0, i, k);
        ys[y0 + 2 * ym + 1] = finish(tmp, 5, xs, x2, ws, w1, i, k);
        ys[y0 + 3 * ym] = finish(tmp, 6, xs, x3, ws, w0, i, k);
        ys[y0 + 3 * ym + 1] = finish(tmp, 7, xs, x3, ws, w1, i, k);
    }

    /** One x row times four consecutive weight rows (the decode shape: four independent accumulators). */
    private static void tile1x4(float[] xs, int x0, int k, float[] ws, int w0, float[] ys, int y0, float[] tmp) {
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
            a0 = u.fma(FloatVector.fromArray(F, ws, w0 + i), a0);
            a1 = u.fma(FloatVector.fromArray(F, ws, w1 + i), a1);
            a2 = u.fma(FloatVector.fromArray(F, ws, w2 + i), a2);
            a3 = u.fma(FloatVector.fromArray(F, ws, w3 + i), a3);
        }
        a0.intoArray(tmp, 0);
        a1.intoArray(tmp, LANES);
        a2.intoArray(tmp, 2 * LANES);
        a3.intoArray(tmp, 3 * LANES);
        ys[y0] = finish(tmp, 0, xs, x0, ws, w0, i, k);
        ys[y0 + 1] = finish(tmp, 1, xs, x0, ws, w1, i, k);
        ys[y0 + 2] = finish(tmp, 2, xs, x0, ws, w2, i, k);
        ys[y0 + 3] = finish(tmp, 3, xs, x0, ws, w3, i, k);
    }

    /** One output element on its own, in the same order as the tiles. */
    private static float dot(float[] xs, int x0, float[] ws, int w0, int k, float[] tmp) {
        FloatVector a = FloatVector.zero(F);
        int i = 0;
        for (int bound = k - LANES; i <= bound; i += LANES) {
            a = FloatVector.fromArray(F, xs, x0 + i).fma(FloatVector.fromArray(F, ws, w0 + i), a);
        }
        a.intoArray(tmp, 0);
        return finish(tmp, 0, xs, x0, ws, w0, i, k);
    }

    /**
     * Accumulator {@code which} (stored at {@code lanes[which * LANES]}) summed lane after lane, then the scalar
     * tail {@code [from, k)}. Scalar code on purpose: a vector reduction per accumulator inlined into the tiles
     * makes them too big for the JIT, which then boxes the accumulators.
     */
    private static float finish(float[] lanes, int which, float[] xs, int x0, float[] ws, int w0, int from, int k) {
        int at = which * LANES;
        float sum = lanes[at];
        for (int l = 1; l < LANES; l++) {
            sum += lanes[at + l];
        }
        for (int i = from; i < k; i++) {
            sum = Math.fma(xs[x0 + i], ws[w0 + i], sum);
        }
        return sum;
    }

    private static float[] scratch(int size) {
        float[] s = SCRATCH.get();
        if (s == null || s.length < size) {
            s = new float[size];
            SCRATCH.set(s);
        }
        return s;
    }
}
