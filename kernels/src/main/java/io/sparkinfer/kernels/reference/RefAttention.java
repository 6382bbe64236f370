package io.sparkinfer.kernels.reference;

import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.host.HostTensor;
import java.util.Arrays;

/** Causal grouped-query softmax attention of one sequence over its key/value cache. */
final class RefAttention {

    private RefAttention() {}

    /**
     * Query row i (position start + i) attends to cache rows 0 .. start + i; query head h reads kv head
     * h / (numHeads / numKvHeads). Scores, softmax and the weighted sum of values are computed in double.
     */
    static void attention(Tensor qT, Tensor kT, Tensor vT, int start, int numHeads, int numKvHeads, int headDim,
            float scale, Tensor outT) {
        OpCall call = new OpCall("attention", "q", qT, "kCache", kT, "vCache", vT, "start", start,
                "numHeads", numHeads, "numKvHeads", numKvHeads, "headDim", headDim, "scale", scale, "out", outT);
        HostTensor q = call.f32("q", qT);
        HostTensor k = call.f32("kCache", kT);
        HostTensor v = call.f32("vCache", vT);
        HostTensor out = call.f32("out", outT);
        call.require(numHeads > 0 && numKvHeads > 0 && headDim > 0,
                "numHeads, numKvHeads and headDim must be positive");
        call.require(numHeads % numKvHeads == 0, "numHeads must be a multiple of numKvHeads");
        int n = q.rows();
        call.expect("q", q, n, numHeads * headDim);
        call.expectRowSize("kCache", k, numKvHeads * headDim);
        call.sameShape("vCache", v, "kCache", k);
        call.require(start >= 0 && start + n <= k.rows(), "the cache must hold positions 0 .. start + "
                + n + " - 1 = " + (start + n - 1) + " of this call, but has " + k.rows() + " rows");
        call.expect("out", out, n, numHeads * headDim);
        call.disjoint("out", out, "q", q);
        call.disjoint("out", out, "kCache", k);
        call.disjoint("out", out, "vCache", v);

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
}
