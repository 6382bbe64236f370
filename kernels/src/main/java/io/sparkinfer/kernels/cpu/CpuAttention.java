package io.sparkinfer.kernels.cpu;

import static io.sparkinfer.kernels.cpu.CpuVectors.LANES;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.AttentionChecks;
import io.sparkinfer.kernels.host.HostTensor;
import java.util.Arrays;

/**
 * Softmax attention (causal grouped-query over a sequence's cache, or unmasked within a vision frame), the
 * query heads split across threads (every head does the same work, so equal ranges balance). Per query row and head: vector dot products of q with each
 * visible key, a softmax in double, then the value rows summed into the output with vector multiply-adds.
 */
final class CpuAttention {

    private CpuAttention() {}

    static void attention(CpuPool pool, Tensor qT, Tensor kT, Tensor vT, int start, int numHeads, int numKvHeads,
            int headDim, float scale, Tensor outT) {
        AttentionChecks.Attention args = AttentionChecks.attention(qT, kT, vT, start, numHeads, numKvHeads,
                headDim, scale, outT);
        int n = args.n();
        if (n == 0) {
            return;
        }
        int group = numHeads / numKvHeads;
        pool.forEachRange(numHeads, 1, (part, from, to) -> {
            double[] weights = new double[start + n];
            float[] tmp = new float[LANES];
            for (int h = from; h < to; h++) {
                for (int i = 0; i < n; i++) {
                    row(args, i, start + i + 1, h, h / group, headDim, scale, weights, tmp);
                }
            }
        });
    }

    /** Unmasked attention, one kv head per query head: every row sees all n keys of the call. */
    static void bidirectional(CpuPool pool, Tensor qT, Tensor kT, Tensor vT, int numHeads, int headDim, float scale,
            Tensor outT) {
        AttentionChecks.Attention args = AttentionChecks.bidirectional(qT, kT, vT, numHeads, headDim, scale, outT);
        int n = args.n();
        if (n == 0) {
            return;
        }
        pool.forEachRange(numHeads, 1, (part, from, to) -> {
            double[] weights = new double[n];
            float[] tmp = new float[LANES];
            for (int h = from; h < to; h++) {
                for (int i = 0; i < n; i++) {
                    row(args, i, n, h, h, headDim, scale, weights, tmp);
                }
            }
        });
    }

    /** Output of query row i, head h, over the first {@code keys} cache rows of kv head {@code kvHead}. */
    private static void row(AttentionChecks.Attention args, int i, int keys, int h, int kvHead, int headDim,
            float scale, double[] weights, float[] tmp) {
        HostTensor q = args.q();
        HostTensor k = args.k();
        HostTensor v = args.v();
        HostTensor out = args.out();
        int qAt = q.offset() + i * q.rowSize() + h * headDim;
        int kvRowSize = k.rowSize();
        int kAt = k.offset() + kvHead * headDim;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < keys; j++) {
            weights[j] = (double) CpuVectors.dot(q.f32(), qAt, k.f32(), kAt + j * kvRowSize, headDim, tmp) * scale;
            max = Math.max(max, weights[j]);
        }
        double sum = 0;
        for (int j = 0; j < keys; j++) {
            weights[j] = Math.exp(weights[j] - max);
            sum += weights[j];
        }
        int outAt = out.offset() + i * out.rowSize() + h * headDim;
        Arrays.fill(out.f32(), outAt, outAt + headDim, 0f);
        int vAt = v.offset() + kvHead * headDim;
        for (int j = 0; j < keys; j++) {
            CpuVectors.axpy((float) (weights[j] / sum), v.f32(), vAt + j * kvRowSize, out.f32(), outAt, headDim);
        }
    }
}
