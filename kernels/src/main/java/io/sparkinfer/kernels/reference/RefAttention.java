package io.sparkinfer.kernels.reference;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.AttentionChecks;
import io.sparkinfer.kernels.host.HostTensor;
import java.util.Arrays;

/** Softmax attention: causal grouped-query over a sequence's cache (text), or unmasked (vision frames). */
final class RefAttention {

    private RefAttention() {}

    /**
     * Query row i (position start + i) attends to cache rows 0 .. start + i; query head h reads kv head
     * h / (numHeads / numKvHeads). Scores, softmax and the weighted sum of values are computed in double.
     */
    static void attention(Tensor qT, Tensor kT, Tensor vT, int start, int numHeads, int numKvHeads, int headDim,
            float scale, Tensor outT) {
        AttentionChecks.Attention args = AttentionChecks.attention(qT, kT, vT, start, numHeads, numKvHeads,
                headDim, scale, outT);
        HostTensor q = args.q();
        HostTensor k = args.k();
        HostTensor v = args.v();
        HostTensor out = args.out();
        int n = args.n();

        int group = numHeads / numKvHeads;
        int qRowSize = numHeads * headDim;
        int kvRowSize = numKvHeads * headDim;
        double[] weights = new double[start + n];
        double[] acc = new double[headDim];
        for (int i = 0; i < n; i++) {
            int keys = start + i + 1;
            for (int h = 0; h < numHeads; h++) {
                int qAt = q.offset() + i * qRowSize + h * headDim;
                int kvHead = (h / group) * headDim;
                for (int j = 0; j < keys; j++) {
                    int kAt = k.offset() + j * kvRowSize + kvHead;
                    double dot = 0;
                    for (int d = 0; d < headDim; d++) {
                        dot += (double) q.f32()[qAt + d] * k.f32()[kAt + d];
                    }
                    weights[j] = dot * scale;
                }
                RefNorms.softmaxInPlace(weights, keys);
                Arrays.fill(acc, 0);
                for (int j = 0; j < keys; j++) {
                    int vAt = v.offset() + j * kvRowSize + kvHead;
                    for (int d = 0; d < headDim; d++) {
                        acc[d] += weights[j] * v.f32()[vAt + d];
                    }
                }
                int outAt = out.offset() + i * qRowSize + h * headDim;
                for (int d = 0; d < headDim; d++) {
                    out.f32()[outAt + d] = (float) acc[d];
                }
            }
        }
    }

    /** Every query row attends to every key row, head h to head h; computed in double. */
    static void bidirectional(Tensor qT, Tensor kT, Tensor vT, int numHeads, int headDim, float scale,
            Tensor outT) {
        AttentionChecks.Attention args = AttentionChecks.bidirectional(qT, kT, vT, numHeads, headDim, scale, outT);
        HostTensor q = args.q();
        HostTensor k = args.k();
        HostTensor v = args.v();
        HostTensor out = args.out();
        int n = args.n();

        int rowSize = numHeads * headDim;
        double[] weights = new double[n];
        double[] acc = new double[headDim];
        for (int i = 0; i < n; i++) {
            for (int h = 0; h < numHeads; h++) {
                int qAt = q.offset() + i * rowSize + h * headDim;
                for (int j = 0; j < n; j++) {
                    int kAt = k.offset() + j * rowSize + h * headDim;
                    double dot = 0;
                    for (int d = 0; d < headDim; d++) {
                        dot += (double) q.f32()[qAt + d] * k.f32()[kAt + d];
                    }
                    weights[j] = dot * scale;
                }
                RefNorms.softmaxInPlace(weights, n);
                Arrays.fill(acc, 0);
                for (int j = 0; j < n; j++) {
                    int vAt = v.offset() + j * rowSize + h * headDim;
                    for (int d = 0; d < headDim; d++) {
                        acc[d] += weights[j] * v.f32()[vAt + d];
                    }
                }
                int outAt = out.offset() + i * rowSize + h * headDim;
                for (int d = 0; d < headDim; d++) {
                    out.f32()[outAt + d] = (float) acc[d];
                }
            }
        }
    }
}
