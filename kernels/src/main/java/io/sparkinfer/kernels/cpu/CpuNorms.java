package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.CpuVectors.F;
import static io.sparkinfer.kernels.cpu.CpuVectors.LANES;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.ElementwiseChecks;
import io.sparkinfer.kernels.host.HostTensor;
import io.sparkinfer.kernels.host.NormChecks;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Normalisations over groups of consecutive values (a row, or one head of it), the groups split across
 * threads. Sums of squares are vector dot products in f32 (four accumulators, lanes summed in a fixed tree);
 * the output may be x itself.
 */
final class CpuNorms {
    /** Values below which a thread hand-off costs more than it saves. */
    private static final int MIN_VALUES_PER_PART = 1 << 14;

    private CpuNorms() {}

    /** out = x / sqrt(mean(x²) + eps) * w per group of w.numel() values. */
    static void rmsNorm(CpuPool pool, Tensor xT, Tensor wT, float eps, Tensor outT) {
        NormChecks.RmsNorm args = NormChecks.rmsNorm(xT, wT, eps, outT);
        HostTensor x = args.x();
        HostTensor out = args.out();
        int group = args.group();
        float[] ws = new float[group];
        CpuVectors.widen(args.w(), 0, ws, 0, group);
        float[] xs = x.f32();
        float[] os = out.f32();
        forEachGroup(pool, x, group, (tmp, start) -> {
            int xAt = x.offset() + start;
            float inv = (float) (1 / Math.sqrt((double) CpuVectors.sumOfSquares(xs, xAt, group, tmp) / group + eps));
            scaleTimes(xs, xAt, inv, ws, 0, os, out.offset() + start, group);
        });
    }

    /** out = x / sqrt(mean(x²) + eps) * w * silu(z) per group of w.numel() values. */
    static void gatedRmsNorm(CpuPool pool, Tensor xT, Tensor zT, Tensor wT, float eps, Tensor outT) {
        NormChecks.GatedRmsNorm args = NormChecks.gatedRmsNorm(xT, zT, wT, eps, outT);
        HostTensor x = args.x();
        HostTensor z = args.z();
        HostTensor out = args.out();
        int group = args.group();
        float[] ws = new float[group];
        CpuVectors.widen(args.w(), 0, ws, 0, group);
        float[] xs = x.f32();
        float[] zs = z.f32();
        float[] os = out.f32();
        forEachGroup(pool, x, group, (tmp, start) -> {
            int xAt = x.offset() + start;
            int oAt = out.offset() + start;
            float inv = (float) (1 / Math.sqrt((double) CpuVectors.sumOfSquares(xs, xAt, group, tmp) / group + eps));
            scaleTimes(xs, xAt, inv, ws, 0, os, oAt, group);
            for (int j = 0; j < group; j++) { // the gate needs an exp per value: scalar, as in CpuElementwise
                os[oAt + j] = (float) (os[oAt + j] * CpuElementwise.silu(zs[z.offset() + start + j]));
            }
        });
    }

    /** out = x / sqrt(sum(x²) + eps) * scale per group of groupSize values. */
    static void l2Norm(CpuPool pool, Tensor xT, int groupSize, float eps, float scale, Tensor outT) {
        ElementwiseChecks.Unary args = NormChecks.l2Norm(xT, groupSize, eps, scale, outT);
        HostTensor x = args.x();
        HostTensor out = args.out();
        float[] xs = x.f32();
        float[] os = out.f32();
        forEachGroup(pool, x, groupSize, (tmp, start) -> {
            int xAt = x.offset() + start;
            float factor = (float) (scale / Math.sqrt((double) CpuVectors.sumOfSquares(xs, xAt, groupSize, tmp) + eps));
            CpuVectors.scale(xs, xAt, factor, os, out.offset() + start, groupSize);
        });
    }

    /**
     * Softmax over each row: the maximum found with vectors, then exp and the sum in double per value (as the
     * reference does, and for the reason given in {@link CpuElementwise}).
     */
    static void softmax(CpuPool pool, Tensor xT, Tensor outT) {
        ElementwiseChecks.Unary args = ElementwiseChecks.unary("softmax", xT, outT);
        HostTensor x = args.x();
        HostTensor out = args.out();
        int size = x.rowSize();
        int minRows = Math.max(1, MIN_VALUES_PER_PART / 16 / Math.max(1, size));
        pool.forEachRange(x.rows(), minRows, (part, from, to) -> {
            double[] exps = new double[size];
            for (int r = from; r < to; r++) {
                int xAt = x.offset() + r * size;
                int oAt = out.offset() + r * size;
                double max = max(x.f32(), xAt, size);
                double sum = 0;
                for (int c = 0; c < size; c++) {
                    exps[c] = Math.exp(x.f32()[xAt + c] - max);
                    sum += exps[c];
                }
                for (int c = 0; c < size; c++) {
                    out.f32()[oAt + c] = (float) (exps[c] / sum);
                }
            }
        });
    }

    /** The largest of n values (NaN if any is NaN, like Math.max; the order of comparisons cannot matter). */
    private static float max(float[] a, int at, int n) {
        FloatVector m = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            m = m.max(FloatVector.fromArray(F, a, at + i));
        }
        float result = m.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            result = Math.max(result, a[at + i]);
        }
        return result;
    }

    /** {@code out[i] = x[i] * factor * w[i]} over n values (out may be x). */
    private static void scaleTimes(float[] x, int xAt, float factor, float[] w, int wAt, float[] out, int outAt,
            int n) {
        FloatVector vf = FloatVector.broadcast(F, factor);
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            FloatVector.fromArray(F, x, xAt + i).mul(vf).mul(FloatVector.fromArray(F, w, wAt + i))
                    .intoArray(out, outAt + i);
        }
        for (; i < n; i++) {
            out[outAt + i] = x[xAt + i] * factor * w[wAt + i];
        }
    }

    @FunctionalInterface
    private interface GroupTask {
        /** Normalises the group starting at value {@code start} of x; {@code tmp} is this thread's lane scratch. */
        void run(float[] tmp, int start);
    }

    private static void forEachGroup(CpuPool pool, HostTensor x, int group, GroupTask task) {
        int groups = (int) (x.numel() / group);
        pool.forEachRange(groups, Math.max(1, MIN_VALUES_PER_PART / group), (part, from, to) -> {
            float[] tmp = new float[LANES];
            for (int g = from; g < to; g++) {
                task.run(tmp, g * group);
            }
        });
    }
}
