package io.sparkinfer.engine.cache;

import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Ops;
import io.sparkinfer.kernels.api.Tensor;

/**
 * The O(1) memory of one Gated DeltaNet layer for one sequence (spec section 3): the last K-1 pre-convolution
 * rows {@code [K-1, convDim]} and the recurrent state {@code [nv, dk, dv]}, both F32 and zero at the start.
 */
public final class DeltaNetState implements LayerState {
    private final Tensor conv;
    private final Tensor recurrent;

    DeltaNetState(Backend backend, int kernelSize, int convDim, int valueHeads, int keyDim, int valueDim) {
        this.conv = backend.allocate(DType.F32, kernelSize - 1, convDim);
        this.recurrent = backend.allocate(DType.F32, valueHeads, keyDim, valueDim);
    }

    /** {@code [K-1, convDim]}: the inputs before the next token, updated in place by the conv op. */
    public Tensor conv() {
        return conv;
    }

    /** {@code [nv, dk, dv]}: updated in place by the delta-rule ops. */
    public Tensor recurrent() {
        return recurrent;
    }

    /** Overwrites {@code target}'s conv and recurrent state with this one's. */
    void copyInto(DeltaNetState target, Ops ops) {
        ops.copyColumns(conv, 0, target.conv, 0, conv.rowSize());
        ops.copyColumns(recurrent, 0, target.recurrent, 0, recurrent.rowSize());
    }

    /** Bytes this state holds. */
    long bytes() {
        return (conv.numel() + recurrent.numel()) * Float.BYTES;
    }

    @Override
    public void close() {
        conv.close();
        recurrent.close();
    }
}
