package io.sparkinfer.engine.config;

import java.util.List;

/**
 * The vision tower ({@code vision_config}; spec section 1.3). Qwen3.5 has no DeepStack, so
 * {@code deepstack_visual_indexes} must be empty.
 *
 * @param depth                    number of vision blocks
 * @param hiddenSize               Hv
 * @param numHeads                 attention heads; Hv / heads must be a multiple of 4 (2-D rotary halves)
 * @param intermediateSize         vision MLP width Iv
 * @param hiddenAct                vision MLP activation ({@code gelu_pytorch_tanh})
 * @param inChannels               image channels (3)
 * @param patchSize                P: patch side in pixels
 * @param temporalPatchSize        frames per patch (2; an image is repeated)
 * @param spatialMergeSize         m: the merger joins m x m patches into one LM token
 * @param numPositionEmbeddings    rows of the learned position table, a square (48^2 = 2304)
 * @param outHiddenSize            merger output width; must equal the text hidden_size
 * @param deepstackVisualIndexes   must be empty for Qwen3.5
 * @param ropeTheta                base of the vision 2-D rotary embedding (10000)
 */
public record VisionConfig(
        int depth,
        int hiddenSize,
        int numHeads,
        int intermediateSize,
        String hiddenAct,
        int inChannels,
        int patchSize,
        int temporalPatchSize,
        int spatialMergeSize,
        int numPositionEmbeddings,
        int outHiddenSize,
        List<Integer> deepstackVisualIndexes,
        double ropeTheta) {

    /** HF's vision rotary base, hard-coded in the original Qwen code. */
    public static final double DEFAULT_ROPE_THETA = 10_000.0;

    public VisionConfig {
        Checks.positive("depth", depth);
        Checks.positive("hidden_size", hiddenSize);
        Checks.positive("num_heads", numHeads);
        Checks.positive("intermediate_size", intermediateSize);
        Checks.nonBlank("hidden_act", hiddenAct);
        Checks.positive("in_channels", inChannels);
        Checks.positive("patch_size", patchSize);
        Checks.positive("temporal_patch_size", temporalPatchSize);
        Checks.positive("spatial_merge_size", spatialMergeSize);
        Checks.positive("num_position_embeddings", numPositionEmbeddings);
        Checks.positive("out_hidden_size", outHiddenSize);
        Checks.positiveFinite("rope_theta", ropeTheta);
        deepstackVisualIndexes = List.copyOf(deepstackVisualIndexes);
        if (hiddenSize % numHeads != 0 || (hiddenSize / numHeads) % 4 != 0) {
            throw new ConfigException("hidden_size=" + hiddenSize + " / num_heads=" + numHeads
                    + " must be a whole head size divisible by 4 (the 2-D rotary splits each head into"
                    + " row and column halves of cos/sin pairs)");
        }
        int side = (int) Math.round(Math.sqrt(numPositionEmbeddings));
        if (side * side != numPositionEmbeddings) {
            throw new ConfigException("num_position_embeddings=" + numPositionEmbeddings
                    + " must be a perfect square (a side x side grid of learned positions, e.g. 2304 = 48^2)");
        }
        if (!deepstackVisualIndexes.isEmpty()) {
            throw new ConfigException("deepstack_visual_indexes=" + deepstackVisualIndexes + " must be empty:"
                    + " Qwen3.5 has no DeepStack feature injection (that is Qwen3-VL, which sparkinfer does not run)");
        }
    }

    /** Size of one attention head: {@code hidden_size / num_heads}. */
    public int headDim() {
        return hiddenSize / numHeads;
    }

    /** Side of the learned position grid: {@code sqrt(num_position_embeddings)}. */
    public int positionGridSide() {
        return (int) Math.round(Math.sqrt(numPositionEmbeddings));
    }

    /** Values per flattened patch: {@code in_channels * temporal_patch_size * patch_size^2}. */
    public int patchInputSize() {
        return inChannels * temporalPatchSize * patchSize * patchSize;
    }

    /** Width of the merger input: {@code hidden_size * spatial_merge_size^2}. */
    public int mergedHiddenSize() {
        return hiddenSize * spatialMergeSize * spatialMergeSize;
    }

    static VisionConfig read(JsonFields f) {
        int depth = f.requiredInt("depth");
        int hidden = f.requiredInt("hidden_size");
        int heads = f.requiredInt("num_heads");
        int intermediate = f.requiredInt("intermediate_size");
        String act = f.optionalString("hidden_act", "gelu_pytorch_tanh");
        int channels = f.optionalInt("in_channels", 3);
        int patch = f.optionalInt("patch_size", 16);
        int temporal = f.optionalInt("temporal_patch_size", 2);
        int merge = f.optionalInt("spatial_merge_size", 2);
        int positions = f.optionalInt("num_position_embeddings", 2304);
        int out = f.requiredInt("out_hidden_size");
        List<Integer> deepstack = f.optionalIntList("deepstack_visual_indexes").orElse(List.of());
        double theta = f.object("rope_parameters").map(p -> p.optionalDouble("rope_theta", DEFAULT_ROPE_THETA))
                .orElseGet(() -> f.optionalDouble("rope_theta", DEFAULT_ROPE_THETA));
        return TextConfigReader.validated(f, () -> new VisionConfig(depth, hidden, heads, intermediate, act,
                channels, patch, temporal, merge, positions, out, deepstack, theta));
    }
}
