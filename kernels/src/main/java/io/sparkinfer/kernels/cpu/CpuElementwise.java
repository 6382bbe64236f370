package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.CpuVectors.F;
import static io.sparkinfer.kernels.cpu.CpuVectors.LANES;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.ElementwiseChecks;
import io.sparkinfer.kernels.host.ElementwiseChecks.Binary;
import io.sparkinfer.kernels.host.HostTensor;
import jdk.incubator.vector.FloatVector;

/**
 * Value-by-value ops on F32 tensors of one shape (the output may be an input), split across threads in equal
 * ranges of values. The sigmoid family evaluates {@code exp} per value in double, as the reference does: the
 * Vector API's {@code EXP} may use a different approximation in the JIT than in the interpreter, which would
 * break bitwise repeatability, and these ops are a few percent of a layer's time next to its matmuls.
 */
final class CpuElementwise {
    /** Values below which a thread hand-off costs more than it saves (an exp is ~20 times an add). */
    private static final int MIN_ADDS_PER_PART = 1 << 16;
    private static final int MIN_EXPS_PER_PART = 1 << 12;

    private CpuElementwise() {}

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static double silu(double x) {
        return x * sigmoid(x);
    }

    static void add(CpuPool pool, Tensor aT, Tensor bT, Tensor outT) {
        Binary t = ElementwiseChecks.binary("add", "a", aT, "b", bT, outT);
        float[] as = t.a().f32();
        float[] bs = t.b().f32();
        float[] os = t.out().f32();
        int a0 = t.a().offset();
        int b0 = t.b().offset();
        int o0 = t.out().offset();
        pool.forEachRange((int) t.a().numel(), MIN_ADDS_PER_PART, (part, from, to) -> {
            int i = from;
            for (int bound = to - LANES; i <= bound; i += LANES) {
                FloatVector.fromArray(F, as, a0 + i).add(FloatVector.fromArray(F, bs, b0 + i)).intoArray(os, o0 + i);
            }
            for (; i < to; i++) {
                os[o0 + i] = as[a0 + i] + bs[b0 + i];
            }
        });
    }

    static void swiglu(CpuPool pool, Tensor gateT, Tensor upT, Tensor outT) {
        Binary t = ElementwiseChecks.binary("swiglu", "gate", gateT, "up", upT, outT);
        float[] gs = t.a().f32();
        float[] us = t.b().f32();
        float[] os = t.out().f32();
        int g0 = t.a().offset();
        int u0 = t.b().offset();
        int o0 = t.out().offset();
        pool.forEachRange((int) t.a().numel(), MIN_EXPS_PER_PART, (part, from, to) -> {
            for (int i = from; i < to; i++) {
                os[o0 + i] = (float) (silu(gs[g0 + i]) * us[u0 + i]);
            }
        });
    }

    static void sigmoidGate(CpuPool pool, Tensor xT, Tensor gateT, Tensor outT) {
        Binary t = ElementwiseChecks.binary("sigmoidGate", "x", xT, "gate", gateT, outT);
        float[] xs = t.a().f32();
        float[] gs = t.b().f32();
        float[] os = t.out().f32();
        int x0 = t.a().offset();
        int g0 = t.b().offset();
        int o0 = t.out().offset();
        pool.forEachRange((int) t.a().numel(), MIN_EXPS_PER_PART, (part, from, to) -> {
            for (int i = from; i < to; i++) {
                os[o0 + i] = (float) (xs[x0 + i] * sigmoid(gs[g0 + i]));
            }
        });
    }

    static void silu(CpuPool pool, Tensor xT, Tensor outT) {
        ElementwiseChecks.Unary args = ElementwiseChecks.unary("silu", xT, outT);
        HostTensor x = args.x();
        HostTensor out = args.out();
        float[] xs = x.f32();
        float[] os = out.f32();
        int x0 = x.offset();
        int o0 = out.offset();
        pool.forEachRange((int) x.numel(), MIN_EXPS_PER_PART, (part, from, to) -> {
            for (int i = from; i < to; i++) {
                os[o0 + i] = (float) silu(xs[x0 + i]);
            }
        });
    }

    /** {@code out[r, :] = x[r, :] * sigmoid(s[r])}: one exp per row, the row scaled with vectors. */
    static void scaleRowsBySigmoid(CpuPool pool, Tensor xT, Tensor sT, Tensor outT) {
        ElementwiseChecks.ScaleRows args = ElementwiseChecks.scaleRowsBySigmoid(xT, sT, outT);
        HostTensor x = args.x();
        HostTensor s = args.s();
        HostTensor out = args.out();
        int rowSize = x.rowSize();
        int minRows = Math.max(1, MIN_ADDS_PER_PART / Math.max(1, rowSize));
        pool.forEachRange(x.rows(), minRows, (part, from, to) -> {
            for (int r = from; r < to; r++) {
                float factor = (float) sigmoid(s.f32()[s.offset() + r]);
                CpuVectors.scale(x.f32(), x.offset() + r * rowSize, factor, out.f32(), out.offset() + r * rowSize,
                        rowSize);
            }
        });
    }
}
