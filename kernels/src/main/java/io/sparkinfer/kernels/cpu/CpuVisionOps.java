package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.CpuVectors.F;
import static io.sparkinfer.kernels.cpu.CpuVectors.LANES;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.ElementwiseChecks;
import io.sparkinfer.kernels.host.HostTensor;
import io.sparkinfer.kernels.host.NormChecks;
import io.sparkinfer.kernels.reference.Erf;
import jdk.incubator.vector.FloatVector;

/**
 * The vision tower's row-wise ops on the backend's threads: bias add with vectors; GELUs per value in double
 * (tanh and erf have no exact vector form, as for the sigmoid family in CpuElementwise); LayerNorm per group
 * in double, the groups split across threads (the same arithmetic as the reference, so the results match it
 * bit for bit).
 */
final class CpuVisionOps {
    private static final int MIN_ADDS_PER_PART = 1 << 16;
    private static final int MIN_TRANSCENDENTALS_PER_PART = 1 << 12;
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double INV_SQRT_2 = 1 / Math.sqrt(2);

    private CpuVisionOps() {}

    static void addBias(CpuPool pool, Tensor xT, Tensor biasT, Tensor outT) {
        ElementwiseChecks.AddBias args = ElementwiseChecks.addBias(xT, biasT, outT);
        HostTensor x = args.x();
        HostTensor out = args.out();
        int rowSize = x.rowSize();
        float[] bias = new float[rowSize];
        CpuVectors.widen(args.bias(), 0, bias, 0, rowSize);
        float[] xs = x.f32();
        float[] os = out.f32();
        int minRows = Math.max(1, MIN_ADDS_PER_PART / Math.max(1, rowSize));
        pool.forEachRange(x.rows(), minRows, (part, from, to) -> {
            for (int r = from; r < to; r++) {
                int xAt = x.offset() + r * rowSize;
                int oAt = out.offset() + r * rowSize;
                int c = 0;
                for (int bound = rowSize - LANES; c <= bound; c += LANES) {
                    FloatVector.fromArray(F, xs, xAt + c).add(FloatVector.fromArray(F, bias, c)).intoArray(os, oAt + c);
                }
                for (; c < rowSize; c++) {
                    os[oAt + c] = xs[xAt + c] + bias[c];
                }
            }
        });
    }

    static void geluTanh(CpuPool pool, Tensor xT, Tensor outT) {
        ElementwiseChecks.Unary args = ElementwiseChecks.unary("geluTanh", xT, outT);
        map(pool, args, v -> 0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v))));
    }

    static void geluErf(CpuPool pool, Tensor xT, Tensor outT) {
        ElementwiseChecks.Unary args = ElementwiseChecks.unary("geluErf", xT, outT);
        map(pool, args, v -> 0.5 * v * (1 + Erf.erf(v * INV_SQRT_2)));
    }

    static void layerNorm(CpuPool pool, Tensor xT, Tensor wT, Tensor bT, float eps, Tensor outT) {
        NormChecks.LayerNorm args = NormChecks.layerNorm(xT, wT, bT, eps, outT);
        HostTensor x = args.x();
        HostTensor out = args.out();
        int group = args.group();
        float[] w = new float[group];
        float[] b = new float[group];
        CpuVectors.widen(args.w(), 0, w, 0, group);
        CpuVectors.widen(args.b(), 0, b, 0, group);
        float[] xs = x.f32();
        float[] os = out.f32();
        int groups = (int) (x.numel() / group);
        int minGroups = Math.max(1, MIN_ADDS_PER_PART / group);
        pool.forEachRange(groups, minGroups, (part, from, to) -> {
            for (int g = from; g < to; g++) {
                int xAt = x.offset() + g * group;
                int oAt = out.offset() + g * group;
                double mean = 0;
                for (int j = 0; j < group; j++) {
                    mean += xs[xAt + j];
                }
                mean /= group;
                double variance = 0;
                for (int j = 0; j < group; j++) {
                    double d = xs[xAt + j] - mean;
                    variance += d * d;
                }
                double inv = 1 / Math.sqrt(variance / group + eps);
                for (int j = 0; j < group; j++) {
                    os[oAt + j] = (float) ((xs[xAt + j] - mean) * inv * w[j] + b[j]);
                }
            }
        });
    }

    private static void map(CpuPool pool, ElementwiseChecks.Unary args, java.util.function.DoubleUnaryOperator f) {
        float[] xs = args.x().f32();
        float[] os = args.out().f32();
        int x0 = args.x().offset();
        int o0 = args.out().offset();
        pool.forEachRange((int) args.x().numel(), MIN_TRANSCENDENTALS_PER_PART, (part, from, to) -> {
            for (int i = from; i < to; i++) {
                os[o0 + i] = (float) f.applyAsDouble(xs[x0 + i]);
            }
        });
    }
}
