package io.sparkinfer.kernels.host;

import io.sparkinfer.kernels.api.Tensor;
import java.util.Arrays;

/** The argument checks of causal grouped-query attention of one sequence over its key/value cache. */
public final class AttentionChecks {

    private AttentionChecks() {}

    /** q, out [n, numHeads * headDim]; kCache, vCache [>= start + n, numKvHeads * headDim]. */
    public record Attention(HostTensor q, HostTensor k, HostTensor v, HostTensor out, int n) {}

    public static Attention attention(Tensor qT, Tensor kT, Tensor vT, int start, int numHeads, int numKvHeads,
            int headDim, float scale, Tensor outT) {
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
        call.require(k.rowSize() == numKvHeads * headDim, "kCache must have rows of numKvHeads * headDim = "
                + numKvHeads * headDim + " values, got shape " + Arrays.toString(k.shape()));
        call.sameShape("vCache", v, "kCache", k);
        call.require(start >= 0 && start + n <= k.rows(), "the cache must hold positions 0 .. start + " + n
                + " - 1 = " + (start + n - 1) + " of this call, but has " + k.rows() + " rows");
        call.expect("out", out, n, numHeads * headDim);
        call.disjoint("out", out, "q", q);
        call.disjoint("out", out, "kCache", k);
        call.disjoint("out", out, "vCache", v);
        return new Attention(q, k, v, out, n);
    }

    /** q, k, v, out all [n, numHeads * headDim] (one kv head per query head, no cache). */
    public static Attention bidirectional(Tensor qT, Tensor kT, Tensor vT, int numHeads, int headDim, float scale,
            Tensor outT) {
        OpCall call = new OpCall("bidirectionalAttention", "q", qT, "k", kT, "v", vT, "numHeads", numHeads,
                "headDim", headDim, "scale", scale, "out", outT);
        HostTensor q = call.f32("q", qT);
        HostTensor k = call.f32("k", kT);
        HostTensor v = call.f32("v", vT);
        HostTensor out = call.f32("out", outT);
        call.require(numHeads > 0 && headDim > 0, "numHeads and headDim must be positive");
        int n = q.rows();
        call.expect("q", q, n, numHeads * headDim);
        call.expect("k", k, n, numHeads * headDim);
        call.expect("v", v, n, numHeads * headDim);
        call.expect("out", out, n, numHeads * headDim);
        call.disjoint("out", out, "q", q);
        call.disjoint("out", out, "k", k);
        call.disjoint("out", out, "v", v);
        return new Attention(q, k, v, out, n);
    }
}
