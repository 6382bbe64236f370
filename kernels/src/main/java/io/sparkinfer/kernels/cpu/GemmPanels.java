package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.CpuVectors.LANES;

import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.host.HostTensor;

/**
 * A weight matrix w [cols, k] rearranged for {@link CpuGemm}: panels of {@link #WIDTH} consecutive weight rows
 * (output columns), each stored k-major ({@code panel[kk * WIDTH + j] = w[p * WIDTH + j, kk]}), so the kernels
 * read one contiguous run of {@code WIDTH} values per step of k. The last panel is padded with zeros. Values are
 * F32, or BF16 bits for BF16 weights (half the bytes to stream in decode; widening is exact, so both give the
 * same results). Arrays are filled panel by panel, by whichever thread owns the panel.
 */
final class GemmPanels {
    /** Output columns per panel: two vectors. */
    static final int WIDTH = 2 * LANES;

    final int cols;
    final int k;
    final int panels;
    /** F32 panels, or null. */
    final float[] f32;
    /**
     * BF16 panels as pairs, or null: int {@code (p * k + kk) * LANES + j} holds column {@code p * WIDTH + j}
     * in its low 16 bits and column {@code p * WIDTH + LANES + j} in its high 16 bits.
     */
    final int[] bf16;

    private GemmPanels(int cols, int k, boolean asBf16) {
        this.cols = cols;
        this.k = k;
        this.panels = (cols + WIDTH - 1) / WIDTH;
        long size = (long) panels * WIDTH * k;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a packed weight of " + cols + " x " + k + " values (" + size
                    + " padded) exceeds one Java array; split the matrix");
        }
        this.f32 = asBf16 ? null : new float[(int) size];
        this.bf16 = asBf16 ? new int[(int) (size / 2)] : null;
    }

    /** Empty panels for w (filled by {@link #pack}); BF16 only when w is BF16. */
    static GemmPanels allocate(HostTensor w, boolean asBf16) {
        if (asBf16 && w.dtype() != DType.BF16) {
            throw new IllegalStateException("[BUG] bf16 panels of a " + w.dtype() + " weight");
        }
        return new GemmPanels(w.rows(), w.rowSize(), asBf16);
    }

    /** Bytes these panels hold. */
    static long bytes(HostTensor w, boolean asBf16) {
        long padded = (long) (w.rows() + WIDTH - 1) / WIDTH * WIDTH * w.rowSize();
        return padded * (asBf16 ? 2 : 4);
    }

    boolean isBf16() {
        return bf16 != null;
    }

    /** Fills panels {@code [from, to)} from the row-major weight w. */
    void pack(HostTensor w, int from, int to) {
        float[] row = new float[k];
        for (int p = from; p < to; p++) {
            int base = p * WIDTH * k;
            for (int j = 0; j < WIDTH; j++) {
                int c = p * WIDTH + j;
                if (c >= cols) {
                    break; // the padding stays zero
                }
                if (bf16 != null) {
                    short[] src = w.bits16();
                    int at = w.offset() + c * k;
                    int pairBase = base / 2 + j % LANES;
                    int shift = j < LANES ? 0 : 16;
                    for (int kk = 0; kk < k; kk++) {
                        bf16[pairBase + kk * LANES] |= (src[at + kk] & 0xFFFF) << shift;
                    }
                } else {
                    CpuVectors.widen(w, c * k, row, 0, k);
                    for (int kk = 0; kk < k; kk++) {
                        f32[base + kk * WIDTH + j] = row[kk];
                    }
                }
            }
        }
    }
}
