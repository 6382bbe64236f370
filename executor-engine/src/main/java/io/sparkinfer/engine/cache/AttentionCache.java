package io.sparkinfer.engine.cache;

import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;

/**
 * Keys (after k_norm and RoPE) and values of one full-attention layer for one sequence: F32
 * {@code [capacity, numKvHeads * headDim]}, row t = position t. Grows by reallocating and copying (doubling),
 * so a long decode costs amortised O(1) copies per token.
 */
public final class AttentionCache implements LayerState {
    private final Backend backend;
    private final int width;
    private Tensor keys;
    private Tensor values;

    AttentionCache(Backend backend, int width, int capacity) {
        this.backend = backend;
        this.width = width;
        this.keys = backend.allocate(DType.F32, capacity, width);
        this.values = backend.allocate(DType.F32, capacity, width);
    }

    public int capacity() {
        return keys.rows();
    }

    /** Rows {@code [0, count)} of the key cache (a view). */
    public Tensor keys(int count) {
        return keys.rows(0, count);
    }

    /** Rows {@code [0, count)} of the value cache (a view). */
    public Tensor values(int count) {
        return values.rows(0, count);
    }

    /** Makes room for {@code tokens} positions, keeping the first {@code used} rows. */
    void reserve(int tokens, int used) {
        if (tokens <= capacity()) {
            return;
        }
        int grown = Math.max(tokens, 2 * capacity());
        keys = grow(keys, grown, used);
        values = grow(values, grown, used);
    }

    private Tensor grow(Tensor old, int rows, int used) {
        Tensor bigger = backend.allocate(DType.F32, rows, width);
        if (used > 0) {
            backend.ops().copyColumns(old.rows(0, used), 0, bigger.rows(0, used), 0, width);
        }
        old.close();
        return bigger;
    }

    /** Copies rows {@code [0, used)} of keys and values into {@code target}, which has room for them. */
    void copyInto(AttentionCache target, int used) {
        if (used > 0) {
            backend.ops().copyColumns(keys.rows(0, used), 0, target.keys.rows(0, used), 0, width);
            backend.ops().copyColumns(values.rows(0, used), 0, target.values.rows(0, used), 0, width);
        }
    }

    /** Bytes this cache holds (keys and values at full capacity). */
    long bytes() {
        return 2L * capacity() * width * Float.BYTES;
    }

    @Override
    public void close() {
        keys.close();
        values.close();
    }
}
