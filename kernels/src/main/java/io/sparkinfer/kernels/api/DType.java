package io.sparkinfer.kernels.api;

/**
 * How a tensor's values are stored. Every op computes in f32: activations, caches and recurrent state are
 * {@link #F32}; weights may stay {@link #BF16} or {@link #F16} (as the checkpoint holds them) and are widened
 * as they are read.
 */
public enum DType {
    F32(4),
    BF16(2),
    F16(2);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    public int byteSize() {
        return byteSize;
    }
}
