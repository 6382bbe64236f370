package io.sparkinfer.kernels.host;

import io.sparkinfer.kernels.api.Tensor;

/** The argument checks of the DeltaNet's depthwise causal convolution with its carried input window. */
public final class ConvChecks {

    private ConvChecks() {}

    /** x [length, channels], w [channels, taps] (any dtype), state [taps - 1, channels], out [length, channels]. */
    public record CausalConv1d(HostTensor x, HostTensor w, HostTensor state, HostTensor out, int length,
            int channels, int taps) {}

    public static CausalConv1d causalConv1d(Tensor xT, Tensor wT, Tensor stateT, Tensor outT) {
        OpCall call = new OpCall("causalConv1d", "x", xT, "w", wT, "state", stateT, "out", outT);
        HostTensor x = call.f32("x", xT);
        HostTensor w = call.host("w", wT);
        HostTensor state = call.f32("state", stateT);
        HostTensor out = call.f32("out", outT);
        int length = x.rows();
        int channels = x.rowSize();
        call.require(w.rows() == channels && w.rowSize() >= 1, "w must hold " + channels
                + " rows (one per channel of x) of K >= 1 taps");
        int taps = w.rowSize();
        call.expect("state", state, taps - 1, channels);
        call.expect("out", out, length, channels);
        call.disjoint("out", out, "x", x);
        call.disjoint("out", out, "state", state);
        call.disjoint("state", state, "x", x);
        return new CausalConv1d(x, w, state, out, length, channels, taps);
    }
}
