package io.sparkinfer.kernels.reference;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.ElementwiseChecks;
import io.sparkinfer.kernels.host.HostTensor;
import io.sparkinfer.kernels.host.NormChecks;

/**
 * Normalisations over groups of consecutive values (a whole row, or one head of it), sums of squares and
 * softmax sums in double. The output may be x itself.
 */
final class RefNorms {

    private RefNorms() {}

    /** out = x / sqrt(mean(x²) + eps) * w per group of w.numel() values. */
    static void rmsNorm(Tensor xT, Tensor wT, float eps, Tensor outT) {
        NormChecks.RmsNorm args = NormChecks.rmsNorm(xT, wT, eps, outT);
        HostTensor x = args.x();
        HostTensor w = args.w();
        HostTensor out = args.out();
        int group = args.group();

        float[] xs = x.f32();
        float[] os = out.f32();
        for (int start = 0; start < x.numel(); start += group) {
            double inv = 1 / Math.sqrt(sumOfSquares(xs, x.offset() + start, group) / group + eps);
            for (int j = 0; j < group; j++) {
                os[out.offset() + start + j] = (float) (xs[x.offset() + start + j] * inv * w.get(j));
            }
        }
    }

    /** out = (x - mean) / sqrt(var + eps) * w + b per group of w.numel() values (out may have other rows). */
    static void layerNorm(Tensor xT, Tensor wT, Tensor bT, float eps, Tensor outT) {
        NormChecks.LayerNorm args = NormChecks.layerNorm(xT, wT, bT, eps, outT);
        HostTensor x = args.x();
        HostTensor w = args.w();
        HostTensor b = args.b();
        HostTensor out = args.out();
        int group = args.group();

        float[] xs = x.f32();
        float[] os = out.f32();
        for (int start = 0; start < x.numel(); start += group) {
            double mean = 0;
            for (int j = 0; j < group; j++) {
                mean += xs[x.offset() + start + j];
            }
            mean /= group;
            double variance = 0;
            for (int j = 0; j < group; j++) {
                double d = xs[x.offset() + start + j] - mean;
                variance += d * d;
            }
            double inv = 1 / Math.sqrt(variance / group + eps);
            for (int j = 0; j < group; j++) {
                os[out.offset() + start + j] = (float) ((xs[x.offset() + start + j] - mean) * inv * w.get(j)
                        + b.get(j));
            }
        }
    }

    /** out = x / sqrt(mean(x²) + eps) * w * silu(z) per group of w.numel() values. */
    static void gatedRmsNorm(Tensor xT, Tensor zT, Tensor wT, float eps, Tensor outT) {
        NormChecks.GatedRmsNorm args = NormChecks.gatedRmsNorm(xT, zT, wT, eps, outT);
        HostTensor x = args.x();
        HostTensor z = args.z();
        HostTensor w = args.w();
        HostTensor out = args.out();
        int group = args.group();

        float[] xs = x.f32();
        float[] zs = z.f32();
        float[] os = out.f32();
        for (int start = 0; start < x.numel(); start += group) {
            double inv = 1 / Math.sqrt(sumOfSquares(xs, x.offset() + start, group) / group + eps);
            for (int j = 0; j < group; j++) {
                double gate = RefElementwise.silu(zs[z.offset() + start + j]);
                os[out.offset() + start + j] = (float) (xs[x.offset() + start + j] * inv * w.get(j) * gate);
            }
        }
    }

    /** out = x / sqrt(sum(x²) + eps) * scale per group of groupSize values. */
    static void l2Norm(Tensor xT, int groupSize, float eps, float scale, Tensor outT) {
        ElementwiseChecks.Unary args = NormChecks.l2Norm(xT, groupSize, eps, scale, outT);
        HostTensor x = args.x();
        HostTensor out = args.out();

        float[] xs = x.f32();
        float[] os = out.f32();
        for (int start = 0; start < x.numel(); start += groupSize) {
            double factor = scale / Math.sqrt(sumOfSquares(xs, x.offset() + start, groupSize) + eps);
            for (int j = 0; j < groupSize; j++) {
                os[out.offset() + start + j] = (float) (xs[x.offset() + start + j] * factor);
            }
        }
    }

    /** Softmax over each row, the row maximum subtracted first so exp never overflows. */
    static void softmax(Tensor xT, Tensor outT) {
        ElementwiseChecks.Unary args = ElementwiseChecks.unary("softmax", xT, outT);
        HostTensor x = args.x();
        HostTensor out = args.out();

        int size = x.rowSize();
        double[] row = new double[size];
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < size; c++) {
                row[c] = x.f32()[x.offset() + r * size + c];
            }
            softmaxInPlace(row, size);
            for (int c = 0; c < size; c++) {
                out.f32()[out.offset() + r * size + c] = (float) row[c];
            }
        }
    }

    /** Replaces values[0 .. count) by their softmax. */
    static void softmaxInPlace(double[] values, int count) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, values[i]);
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            values[i] = Math.exp(values[i] - max);
            sum += values[i];
        }
        for (int i = 0; i < count; i++) {
            values[i] /= sum;
        }
    }

    private static double sumOfSquares(float[] values, int from, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            double v = values[from + i];
            sum += v * v;
        }
        return sum;
    }
}
