package io.sparkinfer.engine.config;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The language model's hyper-parameters (config.json {@code text_config}, or the top level of a text-only
 * export). Field names follow the HF keys; see spec section 1.2 for their meaning.
 *
 * @param layerTypes        one entry per layer (from {@code layer_types}, else {@code full_attention_interval})
 * @param headDim           attention head size; explicit in Qwen3.5 (not hidden_size / heads)
 * @param attnOutputGate    as read; HF Qwen3.5 always gates the attention output (q_proj holds q and gate)
 * @param intermediateSize  dense SwiGLU width; required for dense models, usually absent for MoE
 * @param moe               present iff the model is a Mixture-of-Experts model
 */
public record TextConfig(
        int vocabSize,
        int hiddenSize,
        int numHiddenLayers,
        List<LayerType> layerTypes,
        int numAttentionHeads,
        int numKeyValueHeads,
        int headDim,
        boolean attentionBias,
        boolean attnOutputGate,
        double rmsNormEps,
        String hiddenAct,
        OptionalInt intermediateSize,
        int linearNumKeyHeads,
        int linearNumValueHeads,
        int linearKeyHeadDim,
        int linearValueHeadDim,
        int linearConvKernelDim,
        int maxPositionEmbeddings,
        int mtpNumHiddenLayers,
        RopeParameters rope,
        Optional<MoeConfig> moe) {

    public TextConfig {
        Checks.positive("vocab_size", vocabSize);
        Checks.positive("hidden_size", hiddenSize);
        Checks.positive("num_hidden_layers", numHiddenLayers);
        Checks.positive("num_attention_heads", numAttentionHeads);
        Checks.positive("num_key_value_heads", numKeyValueHeads);
        Checks.positive("head_dim", headDim);
        Checks.positiveFinite("rms_norm_eps", rmsNormEps);
        Checks.nonBlank("hidden_act", hiddenAct);
        Checks.positive("linear_num_key_heads", linearNumKeyHeads);
        Checks.positive("linear_num_value_heads", linearNumValueHeads);
        Checks.positive("linear_key_head_dim", linearKeyHeadDim);
        Checks.positive("linear_value_head_dim", linearValueHeadDim);
        Checks.positive("linear_conv_kernel_dim", linearConvKernelDim);
        Checks.positive("max_position_embeddings", maxPositionEmbeddings);
        Checks.nonNegative("mtp_num_hidden_layers", mtpNumHiddenLayers);
        if (rope == null) {
            throw new ConfigException("[BUG] TextConfig built without rope parameters");
        }
        layerTypes = List.copyOf(layerTypes);
        moe = moe == null ? Optional.empty() : moe;
        intermediateSize = intermediateSize == null ? OptionalInt.empty() : intermediateSize;

        if (layerTypes.size() != numHiddenLayers) {
            throw new ConfigException("layer_types has " + layerTypes.size() + " entries but num_hidden_layers="
                    + numHiddenLayers + "; give one \"linear_attention\"/\"full_attention\" entry per layer");
        }
        if (numAttentionHeads % numKeyValueHeads != 0) {
            throw new ConfigException("num_key_value_heads=" + numKeyValueHeads + " must divide num_attention_heads="
                    + numAttentionHeads + " (each key/value head serves a whole group of query heads)");
        }
        if (linearNumValueHeads % linearNumKeyHeads != 0) {
            throw new ConfigException("linear_num_value_heads=" + linearNumValueHeads
                    + " must be a multiple of linear_num_key_heads=" + linearNumKeyHeads
                    + " (each DeltaNet key head serves a whole group of value heads)");
        }
        if (intermediateSize.isPresent()) {
            Checks.positive("intermediate_size", intermediateSize.getAsInt());
        } else if (moe.isEmpty()) {
            throw new ConfigException("intermediate_size is missing; a dense model needs its MLP width");
        }
        int rotaryDim = rope.rotaryDim(headDim);
        if (rotaryDim <= 0 || rotaryDim % 2 != 0) {
            throw new ConfigException("rotary dim int(head_dim=" + headDim + " * partial_rotary_factor="
                    + rope.partialRotaryFactor() + ") = " + rotaryDim + " must be positive and even");
        }
        if (!rope.mropeSection().isEmpty() && rope.mropeSectionSum() != rotaryDim / 2) {
            throw new ConfigException("mrope_section=" + rope.mropeSection() + " sums to " + rope.mropeSectionSum()
                    + " but must sum to rotary_dim / 2 = " + rotaryDim / 2 + " (rotary_dim = int(head_dim="
                    + headDim + " * partial_rotary_factor=" + rope.partialRotaryFactor() + ") = " + rotaryDim + ")");
        }
        for (int layer : moe.map(MoeConfig::mlpOnlyLayers).orElse(List.of())) {
            if (layer >= numHiddenLayers) {
                throw new ConfigException("mlp_only_layers holds layer " + layer
                        + " but num_hidden_layers=" + numHiddenLayers);
            }
        }
    }

    public boolean isMoe() {
        return moe.isPresent();
    }

    public LayerType layerType(int layer) {
        return layerTypes.get(layer);
    }

    public int numFullAttentionLayers() {
        return (int) layerTypes.stream().filter(t -> t == LayerType.FULL_ATTENTION).count();
    }

    /** Rotated dims per attention head: {@code int(head_dim * partial_rotary_factor)}. */
    public int rotaryDim() {
        return rope.rotaryDim(headDim);
    }

    /** DeltaNet q (and k) width: {@code linear_num_key_heads * linear_key_head_dim}. */
    public int linearKeyDim() {
        return linearNumKeyHeads * linearKeyHeadDim;
    }

    /** DeltaNet v (and z) width: {@code linear_num_value_heads * linear_value_head_dim}. */
    public int linearValueDim() {
        return linearNumValueHeads * linearValueHeadDim;
    }

    /** Channels of the DeltaNet causal conv: q, k and v together. */
    public int linearConvDim() {
        return 2 * linearKeyDim() + linearValueDim();
    }
}
