package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.GemmPanels.WIDTH;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.HostTensor;
import io.sparkinfer.kernels.host.LinearChecks;
import java.util.Arrays;

/**
 * {@code y[n, m] = x[n, k] · w[m, k]ᵀ} on packed weight panels ({@link GemmPanels}): cached on constant
 * weights ({@link WeightPanels}), packed per call otherwise. Threads split the panels (output columns) into
 * equal static ranges; k is never split. Batched rows run 6-row register tiles over blocks of {@link #KC}
 * steps of k (a panel's block stays in L1 while every row tile passes over it); fewer rows than a tile
 * (decode) stream four panels at a time against each row, BF16 panels for BF16 weights.
 *
 * <p>Every output value is {@code fma(x[kk], w[kk], acc)} over kk = 0 .. k-1 in order, in every kernel and for
 * any split, so a row's bits do not depend on n, on its position among the rows, or on the thread count.
 */
final class CpuGemm {
    static final int TILE_ROWS = 6;
    /** Steps of k per cache block: a panel block of KC x WIDTH floats (32 KB at 16 lanes) fits in L1. */
    static final int KC = 256;
    /**
     * Below this many rows BF16 weights use BF16 panels (weight traffic dominates: half the bytes); from it on
     * F32 panels, when they fit (widening costs more than the saved traffic). Decode batches up to 32 stay on
     * BF16: a whole 0.8B model's F32 panels (3 GB) stream from memory every step, and a 32-sequence decode ran
     * 27.8-31.7 tok/s on BF16 panels against 22.8-25.7 on F32 (BENCHMARKS.md).
     */
    static final int BF16_ROWS = 33;
    /** Multiply-adds below which a thread hand-off costs more than it saves. */
    private static final long MIN_FMAS_PER_PART = 1 << 16;

    private CpuGemm() {}

    static void matmul(CpuPool pool, Tensor xT, Tensor wT, Tensor yT) {
        LinearChecks.Matmul args = LinearChecks.matmul(xT, wT, yT);
        int n = args.n();
        int k = args.k();
        int m = args.m();
        if (n == 0 || m == 0) {
            return;
        }
        HostTensor x = args.x();
        HostTensor w = args.w();
        HostTensor y = args.y();
        if (k == 0) {
            for (int r = 0; r < n; r++) {
                Arrays.fill(y.f32(), y.offset() + r * m, y.offset() + r * m + m, 0f);
            }
            return;
        }
        boolean preferBf16 = n < BF16_ROWS;
        boolean cached = w.isConstant();
        GemmPanels panels = cached ? WeightPanels.of(pool, w, preferBf16)
                : GemmPanels.allocate(w, preferBf16 && w.dtype() == DType.BF16);
        long fmasPerPanel = (long) n * k * WIDTH;
        int minPanels = (int) Math.max(1, Math.min(panels.panels, MIN_FMAS_PER_PART / fmasPerPanel));
        pool.forEachRange(panels.panels, minPanels, (part, from, to) -> {
            if (!cached) {
                panels.pack(w, from, to);
            }
            GemmRange range = new GemmRange(x.f32(), x.offset(), n, k, panels, y.f32(), y.offset(), m);
            if (n < TILE_ROWS) {
                range.streamRows(0, from, to);
            } else {
                range.tiledRows(from, to);
            }
        });
    }
}
