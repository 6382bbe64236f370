package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.CpuGemm.KC;
import static io.sparkinfer.kernels.cpu.CpuGemm.TILE_ROWS;
import static io.sparkinfer.kernels.cpu.GemmPanels.WIDTH;

/**
 * One thread's share of a {@link CpuGemm}: every x row against panels {@code [from, to)}. A padded last
 * panel goes through {@link #tile}, a scratch block of whole panel width, whose valid columns are copied
 * in (for a later block of k) and out, so the kernels always write whole panels. Panel offsets here count
 * floats; BF16 panels take half of them (ints).
 */
final class GemmRange {
    private final float[] xs;
    private final int xAt;
    private final int n;
    private final int k;
    private final GemmPanels w;
    private final float[] ys;
    private final int yAt;
    private final int m;
    private final int panelStride;
    private final float[] tile = new float[TILE_ROWS * WIDTH];

    GemmRange(float[] xs, int xAt, int n, int k, GemmPanels w, float[] ys, int yAt, int m) {
        this.xs = xs;
        this.xAt = xAt;
        this.n = n;
        this.k = k;
        this.w = w;
        this.ys = ys;
        this.yAt = yAt;
        this.m = m;
        this.panelStride = WIDTH * k;
    }

    /** Batched rows: per block of k, per panel, 6-row tiles; the rows left over stream as in decode. */
    void tiledRows(int from, int to) {
        for (int k0 = 0; k0 < k; k0 += KC) {
            int kc = Math.min(KC, k - k0);
            boolean load = k0 > 0;
            for (int p = from; p < to; p++) {
                int w0 = p * panelStride + k0 * WIDTH;
                int c0 = p * WIDTH;
                int valid = Math.min(WIDTH, m - c0);
                for (int r = 0; r + TILE_ROWS <= n; r += TILE_ROWS) {
                    rows6(r, k0, w0, kc, c0, valid, load);
                }
            }
        }
        streamRows(n - n % TILE_ROWS, from, to);
    }

    /**
     * Rows {@code [firstRow, n)} one at a time (decode, and rows left over by the tiles): per group of four
     * panels and block of k, each row streams the group with 8 independent accumulators.
     */
    void streamRows(int firstRow, int from, int to) {
        int p = from;
        for (; p + 4 <= to && (p + 4) * WIDTH <= m; p += 4) {
            for (int k0 = 0; k0 < k; k0 += KC) {
                int kc = Math.min(KC, k - k0);
                int w0 = p * panelStride + k0 * WIDTH;
                for (int r = firstRow; r < n; r++) {
                    int x0 = xAt + r * k + k0;
                    int y0 = yAt + r * m + p * WIDTH;
                    if (w.isBf16()) {
                        GemmKernels.row1x4Bf16(xs, x0, w.bf16, w0 / 2, panelStride / 2, kc, ys, y0, k0 > 0);
                    } else {
                        GemmKernels.row1x4F32(xs, x0, w.f32, w0, panelStride, kc, ys, y0, k0 > 0);
                    }
                }
            }
        }
        for (; p < to; p++) {
            int c0 = p * WIDTH;
            int valid = Math.min(WIDTH, m - c0);
            for (int k0 = 0; k0 < k; k0 += KC) {
                int kc = Math.min(KC, k - k0);
                for (int r = firstRow; r < n; r++) {
                    row1(r, k0, p * panelStride + k0 * WIDTH, kc, c0, valid, k0 > 0);
                }
            }
        }
    }

    private void rows6(int r, int k0, int w0, int kc, int c0, int valid, boolean load) {
        int x0 = xAt + r * k + k0;
        int y0 = yAt + r * m + c0;
        if (valid == WIDTH) {
            if (w.isBf16()) {
                GemmKernels.rows6Bf16(xs, x0, k, w.bf16, w0 / 2, kc, ys, y0, m, load);
            } else {
                GemmKernels.rows6F32(xs, x0, k, w.f32, w0, kc, ys, y0, m, load);
            }
            return;
        }
        copyToTile(y0, TILE_ROWS, valid, load);
        if (w.isBf16()) {
            GemmKernels.rows6Bf16(xs, x0, k, w.bf16, w0 / 2, kc, tile, 0, WIDTH, load);
        } else {
            GemmKernels.rows6F32(xs, x0, k, w.f32, w0, kc, tile, 0, WIDTH, load);
        }
        copyFromTile(y0, TILE_ROWS, valid);
    }

    private void row1(int r, int k0, int w0, int kc, int c0, int valid, boolean load) {
        int x0 = xAt + r * k + k0;
        int y0 = yAt + r * m + c0;
        boolean whole = valid == WIDTH;
        if (!whole) {
            copyToTile(y0, 1, valid, load);
        }
        float[] out = whole ? ys : tile;
        int at = whole ? y0 : 0;
        if (w.isBf16()) {
            GemmKernels.row1Bf16(xs, x0, w.bf16, w0 / 2, kc, out, at, load);
        } else {
            GemmKernels.row1F32(xs, x0, w.f32, w0, kc, out, at, load);
        }
        if (!whole) {
            copyFromTile(y0, 1, valid);
        }
    }

    private void copyToTile(int y0, int rows, int valid, boolean load) {
        if (load) {
            for (int i = 0; i < rows; i++) {
                System.arraycopy(ys, y0 + i * m, tile, i * WIDTH, valid);
            }
        }
    }

    private void copyFromTile(int y0, int rows, int valid) {
        for (int i = 0; i < rows; i++) {
            System.arraycopy(tile, i * WIDTH, ys, y0 + i * m, valid);
        }
    }
}
