package io.sparkinfer.kernels.api;

/**
 * The ops table: every computation a model does, defined once by the scalar reference backend and made fast
 * by the others. Activations, caches and states are F32 tensors; weights (marked "any dtype") may be F32,
 * BF16 or F16. Rows of a packed batch may belong to different sequences: only {@link #attention},
 * {@link #causalConv1d} and the delta-rule ops look across rows, and they are called per sequence on views.
 * Shapes below read every tensor as the matrix [rows(), rowSize()] (so a state [nv, dk, dv] is nv rows of
 * dk * dv values). An output may be the same tensor as an input (the same values, in place) only where the
 * method says so; otherwise, and always for a partial overlap, it must not share data with any input.
 * "In f32" means at least f32: the reference ops accumulate and normalise in double, and fast backends are
 * held to the reference within a tolerance.
 */
public interface Ops {

    // ---- linear algebra

    /** {@code y[n, m] = x[n, k] · w[m, k]ᵀ}; w any dtype, accumulation in (at least) f32. */
    void matmul(Tensor x, Tensor w, Tensor y);

    /** {@code out[i] = table[ids[i]]} widened to f32; table [V, H] any dtype, ids in [0, V), out [ids.length, H]. */
    void embedding(int[] ids, Tensor table, Tensor out);

    // ---- elementwise (same shapes; out may be an input)

    /** {@code out = a + b}. */
    void add(Tensor a, Tensor b, Tensor out);

    /** {@code out = silu(gate) * up}. */
    void swiglu(Tensor gate, Tensor up, Tensor out);

    /** {@code out = x * sigmoid(gate)} (the attention output gate). */
    void sigmoidGate(Tensor x, Tensor gate, Tensor out);

    /** {@code out = silu(x)}. */
    void silu(Tensor x, Tensor out);

    /** {@code out[r, :] = x[r, :] * sigmoid(s[r])}, s [rows, 1] (the shared-expert gate); out may be x. */
    void scaleRowsBySigmoid(Tensor x, Tensor s, Tensor out);

    // ---- normalisation (row size a multiple of the group size; out may be x)

    /**
     * RMSNorm over each group of {@code w.numel()} consecutive values of a row (the whole row for the layer
     * norms, one head for q/k norms): {@code out = x / sqrt(mean(x²) + eps) * w}; w any dtype, already
     * holding {@code 1 + w} for Qwen's zero-centred norms (folded at load time).
     */
    void rmsNorm(Tensor x, Tensor w, float eps, Tensor out);

    /**
     * The DeltaNet output norm, per group of {@code w.numel()} values (one value head):
     * {@code out = x / sqrt(mean(x²) + eps) * w * silu(z)}; z same shape as x.
     */
    void gatedRmsNorm(Tensor x, Tensor z, Tensor w, float eps, Tensor out);

    /** Per group of {@code groupSize} values: {@code out = x / sqrt(sum(x²) + eps) * scale}. */
    void l2Norm(Tensor x, int groupSize, float eps, float scale, Tensor out);

    /** Softmax over each row, computed with the row maximum subtracted. */
    void softmax(Tensor x, Tensor out);

    // ---- positions

    /**
     * Rotates, in place, the first {@code spec.rotaryDim()} values of every head of x [n, heads * headDim]
     * (headDim = {@code spec.headDim()}).
     * {@code positions} holds 3 * n ints: t positions of the n rows, then h, then w.
     */
    void rope(Tensor x, int[] positions, RopeSpec spec);

    // ---- sequence mixers (one sequence per call)

    /**
     * Causal GQA softmax attention for one sequence. q [n, nh * hd] holds tokens at positions
     * {@code start .. start + n - 1}; the caches [T, nkv * hd] hold keys and values of positions
     * {@code 0 .. start + n - 1} (this call's included) in their first rows; T >= start + n is their capacity
     * and later rows are not read. Query row i attends to cache rows {@code 0 .. start + i}. Query head h uses
     * kv head {@code h / (nh / nkv)}; scores {@code scale * q·k} are softmaxed in f32. out [n, nh * hd].
     */
    void attention(Tensor q, Tensor kCache, Tensor vCache, int start, int numHeads, int numKvHeads, int headDim,
            float scale, Tensor out);

    /**
     * Depthwise causal conv over time, then SiLU: for x [L, C], w [C, K] (any dtype) and state [K - 1, C] (the
     * K - 1 inputs before x, zeros at the start of a sequence):
     * {@code out[t, c] = silu(sum_j w[c, j] * in[t - (K-1) + j, c])} where {@code in} is state followed by x.
     * Afterwards state holds the last K - 1 rows of that concatenation (K >= 1; for L < K - 1 some of them are
     * old state rows). out [L, C] must not be x; state must not overlap x or out.
     */
    void causalConv1d(Tensor x, Tensor w, Tensor state, Tensor out);

    /**
     * The gated delta rule, token by token (spec section 2.3 step 7), for one sequence. q, k [L, nk * dk]
     * (already l2-normalised, q scaled), v [L, nv * dv], g [L, nv] (log decay), beta [L, nv], state
     * [nv, dk, dv] updated in place (the state entering the call, zeros at a sequence's start); value head j
     * uses key head {@code j / (nv / nk)}. dk and dv are q's and v's row sizes over nk and nv. out [L, nv * dv]
     * shares data with no input, nor the state with any input.
     */
    void deltaRuleRecurrent(Tensor q, Tensor k, Tensor v, Tensor g, Tensor beta, Tensor state, int numKeyHeads,
            int numValueHeads, Tensor out);

    /**
     * The same rule in chunks of {@code chunkSize} tokens (spec section 2.3, chunked form): equal to
     * {@link #deltaRuleRecurrent} up to rounding, faster for long prefills. Any chunkSize >= 1 and any L (the
     * last chunk is padded as the spec says); the state is carried in and out as for the recurrent form.
     */
    void deltaRuleChunked(Tensor q, Tensor k, Tensor v, Tensor g, Tensor beta, Tensor state, int numKeyHeads,
            int numValueHeads, int chunkSize, Tensor out);

    // ---- vision tower (spec section 4)

    /** {@code out[r, :] = x[r, :] + bias} for every row; bias [rowSize] any dtype (a linear layer's bias); out may be x. */
    void addBias(Tensor x, Tensor bias, Tensor out);

    /** {@code out = 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x³)))} (PyTorch's gelu tanh approximation). */
    void geluTanh(Tensor x, Tensor out);

    /** {@code out = 0.5 x (1 + erf(x / sqrt 2))} (exact GELU). */
    void geluErf(Tensor x, Tensor out);

    /**
     * LayerNorm over each group of {@code w.numel()} consecutive values: {@code out = (x - mean) /
     * sqrt(var + eps) * w + b}, var the biased variance; w and b any dtype, of one size. out holds as many
     * values as x and may read them as other rows (the vision merger normalises [N, Hv] into [N/4, 4Hv]); the
     * group size must divide both row sizes. out may be x.
     */
    void layerNorm(Tensor x, Tensor w, Tensor b, float eps, Tensor out);

    /**
     * The vision tower's 2-D rotary embedding, in place on x [n, heads * headDim] (headDim a multiple of 4):
     * with {@code q = headDim / 4} and {@code inv[f] = theta^(-f / q)}, slot f < headDim/2 turns by
     * {@code row * inv[f]} when f < q, else {@code col * inv[f - q]}; slot f pairs with f + headDim/2
     * (rotate-half over the whole head). {@code positions} holds 2 * n ints: the n rows, then the n columns.
     */
    void rope2d(Tensor x, int[] positions, int headDim, double theta);

    /**
     * Softmax attention without a mask (every query row sees every key row) and one kv head per query head:
     * q, k, v, out [n, numHeads * headDim]; scores {@code scale * q·k} softmaxed in f32. out shares data with
     * no input. Called per image frame on row views.
     */
    void bidirectionalAttention(Tensor q, Tensor k, Tensor v, int numHeads, int headDim, float scale, Tensor out);

    // ---- mixture of experts and row movement

    /**
     * MoE routing for router logits [n, E]: softmax over all E experts in f32, the k largest (lower index first
     * on ties), renormalised to sum 1. Writes {@code experts[r * k + i]} and {@code weights[r * k + i]}, the i-th
     * choice of row r, largest first; both arrays hold at least n * k values (later ones are left alone). The
     * result is on the host: the layer dispatches rows with it.
     */
    void topKRouting(Tensor logits, int k, int[] experts, float[] weights);

    /** {@code dst[i] = src[rows[i]]} for every i; dst [rows.length, rowSize]; a row may be listed twice. */
    void gatherRows(Tensor src, int[] rows, Tensor dst);

    /**
     * {@code dst[rows[i]] += weights[i] * src[i]} for every i, in order of i (a row index may repeat; the sums
     * land in that order). src [rows.length, rowSize], weights one per row index, dst [D, rowSize].
     */
    void scatterAddRows(Tensor src, int[] rows, float[] weights, Tensor dst);

    /**
     * {@code dst[rows[i]] = src[i]} for every i (image features over the embeddings of their pad tokens); the
     * row indices must be distinct. src [rows.length, rowSize], dst [D, rowSize].
     */
    void scatterRows(Tensor src, int[] rows, Tensor dst);

    /**
     * Copies a block of columns: {@code dst[r, dstCol + c] = src[r, srcCol + c]} for c < width, every row
     * (splitting a fused projection's output into q, k, v).
     */
    void copyColumns(Tensor src, int srcCol, Tensor dst, int dstCol, int width);
}
