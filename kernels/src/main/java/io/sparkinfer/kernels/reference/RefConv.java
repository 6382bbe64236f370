package io.sparkinfer.kernels.reference;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.HostTensor;

/** The DeltaNet's depthwise causal convolution over time, followed by SiLU, with its carried input window. */
final class RefConv {

    private RefConv() {}

    /**
     * x [L, C], w [C, K], state [K - 1, C]: with in = state rows then x rows,
     * out[t, c] = silu(sum_j w[c, j] * in[t + j, c]); then state = the last K - 1 rows of in.
     */
    static void causalConv1d(Tensor xT, Tensor wT, Tensor stateT, Tensor outT) {
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

        // in = state followed by x: [K - 1 + L, C]
        float[] in = new float[(taps - 1 + length) * channels];
        System.arraycopy(state.f32(), state.offset(), in, 0, (taps - 1) * channels);
        System.arraycopy(x.f32(), x.offset(), in, (taps - 1) * channels, length * channels);

        for (int t = 0; t < length; t++) {
            for (int c = 0; c < channels; c++) {
                double sum = 0;
                for (int j = 0; j < taps; j++) {
                    sum += (double) w.get((long) c * taps + j) * in[(t + j) * channels + c];
                }
                out.f32()[out.offset() + t * channels + c] = (float) RefElementwise.silu(sum);
            }
        }
        System.arraycopy(in, length * channels, state.f32(), state.offset(), (taps - 1) * channels);
    }
}
