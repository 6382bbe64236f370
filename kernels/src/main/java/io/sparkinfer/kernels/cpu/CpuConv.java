package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.CpuVectors.F;
import static io.sparkinfer.kernels.cpu.CpuVectors.LANES;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.ConvChecks;
import io.sparkinfer.kernels.host.HostTensor;
import jdk.incubator.vector.FloatVector;

/**
 * The DeltaNet's depthwise causal convolution over time, then SiLU, with its carried window of K - 1 inputs.
 * Vectors run along channels, so each thread takes a range of channels and first transposes its slice of the
 * weights w [C, K] (any dtype) into f32 taps [K][channels]; the window is read in place from state and x.
 */
final class CpuConv {
    /** Multiply-adds below which a thread hand-off costs more than it saves. */
    private static final int MIN_FMAS_PER_PART = 1 << 14;

    private CpuConv() {}

    static void causalConv1d(CpuPool pool, Tensor xT, Tensor wT, Tensor stateT, Tensor outT) {
        ConvChecks.CausalConv1d args = ConvChecks.causalConv1d(xT, wT, stateT, outT);
        HostTensor x = args.x();
        HostTensor w = args.w();
        HostTensor state = args.state();
        HostTensor out = args.out();
        int minChannels = Math.max(1, MIN_FMAS_PER_PART / Math.max(1, args.length() * args.taps()));
        pool.forEachRange(args.channels(), minChannels, (part, from, to) -> convolve(x, w, state, out, from, to));
        shiftWindow(x, state, args.taps() - 1);
    }

    /** out[t, c] for every t and the channels {@code [from, to)}. */
    private static void convolve(HostTensor x, HostTensor w, HostTensor state, HostTensor out, int from, int to) {
        int taps = w.rowSize();
        int channels = x.rowSize();
        int width = to - from;
        float[] tapRows = new float[taps * width]; // [K][width]: tap j of channel from + c at j * width + c
        float[] one = new float[taps];
        for (int c = 0; c < width; c++) {
            CpuVectors.widen(w, (from + c) * taps, one, 0, taps);
            for (int j = 0; j < taps; j++) {
                tapRows[j * width + c] = one[j];
            }
        }
        float[] os = out.f32();
        for (int t = 0; t < x.rows(); t++) {
            int oAt = out.offset() + t * channels + from;
            int c = 0;
            for (int bound = width - LANES; c <= bound; c += LANES) {
                FloatVector acc = FloatVector.zero(F);
                for (int j = 0; j < taps; j++) {
                    int row = t + j; // row of the window "state then x"
                    float[] src = row < taps - 1 ? state.f32() : x.f32();
                    int at = row < taps - 1 ? state.offset() + row * channels : x.offset() + (row - taps + 1) * channels;
                    acc = FloatVector.fromArray(F, tapRows, j * width + c).fma(FloatVector.fromArray(F, src, at + from + c),
                            acc);
                }
                acc.intoArray(os, oAt + c);
            }
            for (; c < width; c++) {
                float acc = 0;
                for (int j = 0; j < taps; j++) {
                    int row = t + j;
                    float in = row < taps - 1 ? state.f32()[state.offset() + row * channels + from + c]
                            : x.f32()[x.offset() + (row - taps + 1) * channels + from + c];
                    acc = Math.fma(tapRows[j * width + c], in, acc);
                }
                os[oAt + c] = acc;
            }
            for (c = 0; c < width; c++) { // an exp per value: scalar, as in CpuElementwise
                os[oAt + c] = (float) CpuElementwise.silu(os[oAt + c]);
            }
        }
    }

    /** state = the last {@code keep} rows of "state then x". */
    private static void shiftWindow(HostTensor x, HostTensor state, int keep) {
        int channels = x.rowSize();
        int length = x.rows();
        float[] s = state.f32();
        if (length >= keep) {
            System.arraycopy(x.f32(), x.offset() + (length - keep) * channels, s, state.offset(), keep * channels);
        } else {
            System.arraycopy(s, state.offset() + length * channels, s, state.offset(), (keep - length) * channels);
            System.arraycopy(x.f32(), x.offset(), s, state.offset() + (keep - length) * channels, length * channels);
        }
    }
}
