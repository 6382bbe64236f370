package io.sparkinfer.kernels.reference;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.ConvChecks;
import io.sparkinfer.kernels.host.HostTensor;

/** The DeltaNet's depthwise causal convolution over time, followed by SiLU, with its carried input window. */
final class RefConv {

    private RefConv() {}

    /**
     * x [L, C], w [C, K], state [K - 1, C]: with in = state rows then x rows,
     * out[t, c] = silu(sum_j w[c, j] * in[t + j, c]); then state = the last K - 1 rows of in.
     */
    static void causalConv1d(Tensor xT, Tensor wT, Tensor stateT, Tensor outT) {
        ConvChecks.CausalConv1d args = ConvChecks.causalConv1d(xT, wT, stateT, outT);
        HostTensor x = args.x();
        HostTensor w = args.w();
        HostTensor state = args.state();
        HostTensor out = args.out();
        int length = args.length();
        int channels = args.channels();
        int taps = args.taps();

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
