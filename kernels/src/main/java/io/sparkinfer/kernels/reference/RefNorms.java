package io.sparkinfer.kernels.reference;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.HostTensor;

/**
 * Normalisations over groups of consecutive values (a whole row, or one head of it), sums of squares and
 * softmax sums in double. The output may be x itself.
 */
final class RefNorms {

    private RefNorms() {}

    /** out = x / sqrt(mean(x²) + eps) * w per group of w.numel() values. */
    static void rmsNorm(Tensor xT, Tensor wT, float eps, Tensor outT) {
        OpCall call = new OpCall("rmsNorm", "x", xT, "w", wT, "eps", eps, "out", outT);
        HostTensor x = call.f32("x", xT);
        HostTensor w = call.host("w", wT);
        HostTensor out = call.f32("out", outT);
        int group = checkGroups(call, x, w);
        checkEps(call, eps);
        call.sameShape("out", out, "x", x);
        call.identicalOrDisjoint("out", out, "x", x);
        call.disjoint("out", out, "w", w);

        float[] xs = x.f32();
        float[] os = out.f32();
        for (int start = 0; start < x.numel(); start += group) {
            double inv = 1 / Math.sqrt(sumOfSquares(xs, x.offset() + start, group) / group + eps);
            for (int j = 0; j < group; j++) {
                os[out.offset() + start + j] = (float) (xs[x.offset() + start + j] * inv * w.get(j));
            }
        }
    }

    /** out = x / sqrt(mean(x²) + eps) * w * silu(z) per group of w.numel() values. */
    static void gatedRmsNorm(Tensor xT, Tensor zT, Tensor wT, float eps, Tensor outT) {
        OpCall call = new OpCall("gatedRmsNorm", "x", xT, "z", zT, "w", wT, "eps", eps, "out", outT);
        HostTensor x = call.f32("x", xT);
        HostTensor z = call.f32("z", zT);
        HostTensor w = call.host("w", wT);
        HostTensor out = call.f32("out", outT);
        int group = checkGroups(call, x, w);
        checkEps(call, eps);
        call.sameShape("z", z, "x", x);
        call.sameShape("out", out, "x", x);
        call.identicalOrDisjoint("out", out, "x", x);
        call.disjoint("out", out, "z", z);
        call.disjoint("out", out, "w", w);

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
        OpCall call = new OpCall("l2Norm", "x", xT, "groupSize", groupSize, "eps", eps, "scale", scale,
                "out", outT);
        HostTensor x = call.f32("x", xT);
        HostTensor out = call.f32("out", outT);
        call.require(groupSize > 0 && x.rowSize() % groupSize == 0,
                "groupSize must be positive and divide the row size " + x.rowSize());
        checkEps(call, eps);
        call.sameShape("out", out, "x", x);
        call.identicalOrDisjoint("out", out, "x", x);

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
        OpCall call = new OpCall("softmax", "x", xT, "out", outT);
        HostTensor x = call.f32("x", xT);
        HostTensor out = call.f32("out", outT);
        call.sameShape("out", out, "x", x);
        call.identicalOrDisjoint("out", out, "x", x);

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

    /** The group size (w.numel()); it must divide x's row size so that groups never straddle rows. */
    private static int checkGroups(OpCall call, HostTensor x, HostTensor w) {
        long group = w.numel();
        call.require(group > 0 && x.rowSize() % group == 0,
                "w's " + group + " values (the group size) must divide x's row size " + x.rowSize());
        return (int) group;
    }

    private static void checkEps(OpCall call, float eps) {
        call.require(eps >= 0 && Float.isFinite(eps), "eps must be finite and non-negative, got " + eps);
    }
}
