package io.sparkinfer.engine.layers;

import io.sparkinfer.engine.config.TextConfig;
import io.sparkinfer.engine.cache.AttentionCache;
import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Ops;
import io.sparkinfer.kernels.api.RopeSpec;
import io.sparkinfer.kernels.api.Tensor;

/**
 * Gated full attention (spec section 2.4): q with a per-head output gate, q/k RMSNorm per head, partial
 * RoPE, causal GQA softmax attention over the sequence's cache, {@code o ⊙ σ(gate)}, then o_proj.
 */
public final class GatedAttention implements TokenMixer {
    private final int layer;
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final Tensor queryGate; // [2 * heads * headDim, H]: all query rows, then all gate rows
    private final Tensor key;       // [kvHeads * headDim, H]
    private final Tensor value;     // [kvHeads * headDim, H]
    private final Tensor output;    // [H, heads * headDim]
    private final RmsNorm queryNorm;
    private final RmsNorm keyNorm;
    private final RopeSpec rope;

    private GatedAttention(int layer, TextConfig t, Tensor queryGate, Tensor key, Tensor value, Tensor output,
            RmsNorm queryNorm, RmsNorm keyNorm) {
        this.layer = layer;
        this.heads = t.numAttentionHeads();
        this.kvHeads = t.numKeyValueHeads();
        this.headDim = t.headDim();
        this.queryGate = queryGate;
        this.key = key;
        this.value = value;
        this.output = output;
        this.queryNorm = queryNorm;
        this.keyNorm = keyNorm;
        this.rope = ropeSpec(t);
    }

    /** Loads {@code prefix = "...layers.i.self_attn."} of decoder layer {@code layer}. */
    public static GatedAttention load(WeightUploader weights, String prefix, int layer, TextConfig t) {
        String qName = prefix + "q_proj.weight";
        int hidden = t.hiddenSize();
        weights.requireShape(qName, 2L * t.numAttentionHeads() * t.headDim(), hidden);
        float[] permuted = queryRowsFirst(weights.floats(qName), t.numAttentionHeads(), t.headDim(), hidden);
        Tensor queryGate = weights.upload(permuted, weights.storageOf(qName), permuted.length / hidden, hidden);
        return new GatedAttention(layer, t, queryGate, weights.matrix(prefix + "k_proj.weight"),
                weights.matrix(prefix + "v_proj.weight"), weights.matrix(prefix + "o_proj.weight"),
                RmsNorm.zeroCentred(weights, prefix + "q_norm.weight", t.rmsNormEps()),
                RmsNorm.zeroCentred(weights, prefix + "k_norm.weight", t.rmsNormEps()));
    }

    /**
     * q_proj stores per head {@code [query_h | gate_h]} (hd rows each); reorder its rows to
     * {@code [all queries | all gates]} so one matmul's output splits into two contiguous column blocks.
     */
    static float[] queryRowsFirst(float[] w, int heads, int headDim, int hidden) {
        float[] out = new float[w.length];
        int half = heads * headDim;
        for (int h = 0; h < heads; h++) {
            for (int d = 0; d < headDim; d++) {
                int queryRow = h * 2 * headDim + d;
                int gateRow = queryRow + headDim;
                System.arraycopy(w, queryRow * hidden, out, (h * headDim + d) * hidden, hidden);
                System.arraycopy(w, gateRow * hidden, out, (half + h * headDim + d) * hidden, hidden);
            }
        }
        return out;
    }

    static RopeSpec ropeSpec(TextConfig t) {
        int rotary = t.rotaryDim();
        var sections = t.rope().mropeSection();
        int[] section = sections.isEmpty() ? new int[] {rotary / 2, 0, 0}
                : sections.stream().mapToInt(Integer::intValue).toArray();
        return new RopeSpec(t.headDim(), rotary, t.rope().ropeTheta(), section);
    }

    @Override
    public Tensor forward(Backend backend, Tensor x, PackedBatch batch, String name, ActivationTap tap) {
        Ops ops = backend.ops();
        int n = x.rows();
        int qWidth = heads * headDim;
        int kvWidth = kvHeads * headDim;
        try (Tensor qg = backend.allocate(DType.F32, n, 2 * qWidth);
                Tensor q = backend.allocate(DType.F32, n, qWidth);
                Tensor gate = backend.allocate(DType.F32, n, qWidth);
                Tensor k = backend.allocate(DType.F32, n, kvWidth);
                Tensor v = backend.allocate(DType.F32, n, kvWidth);
                Tensor o = backend.allocate(DType.F32, n, qWidth)) {
            ops.matmul(x, queryGate, qg);
            ops.copyColumns(qg, 0, q, 0, qWidth);
            ops.copyColumns(qg, qWidth, gate, 0, qWidth);
            ops.matmul(x, key, k);
            ops.matmul(x, value, v);
            queryNorm.forwardInPlace(backend, q);
            keyNorm.forwardInPlace(backend, k);
            int[] positions = batch.ropePositions();
            ops.rope(q, positions, rope);
            ops.rope(k, positions, rope);
            tap.accept(name + ".q", q);
            tap.accept(name + ".k", k);
            float scale = (float) (1.0 / Math.sqrt(headDim));
            for (PackedBatch.Segment s : batch.segments()) {
                AttentionCache cache = s.cache().attention(layer);
                int end = s.start() + s.count();
                ops.copyColumns(k.rows(s.offset(), s.count()), 0, cache.keys(end).rows(s.start(), s.count()), 0,
                        kvWidth);
                ops.copyColumns(v.rows(s.offset(), s.count()), 0, cache.values(end).rows(s.start(), s.count()), 0,
                        kvWidth);
                ops.attention(q.rows(s.offset(), s.count()), cache.keys(end), cache.values(end), s.start(), heads,
                        kvHeads, headDim, scale, o.rows(s.offset(), s.count()));
            }
            tap.accept(name + ".attn", o);
            ops.sigmoidGate(o, gate, o);
            Tensor out = backend.allocate(DType.F32, n, output.shape()[0]);
            ops.matmul(o, output, out);
            return out;
        }
    }
}
