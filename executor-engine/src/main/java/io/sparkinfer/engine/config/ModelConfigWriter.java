package io.sparkinfer.engine.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Writes a {@link ModelConfig} as config.json in the layout HF ships: multimodal types nest
 * {@code text_config} and {@code vision_config}; text-only types put the text keys at the top level.
 * {@code ModelConfig.parse(write(c).toString(), ...)} gives back {@code c}.
 */
final class ModelConfigWriter {

    private ModelConfigWriter() {
    }

    static ObjectNode write(ModelConfig config) {
        ObjectNode root = ConfigFiles.MAPPER.createObjectNode();
        root.putArray("architectures").add(config.modelType().architecture());
        root.put("model_type", config.modelType().hfName());
        if (!config.isMultimodal()) {
            writeText(root, config);
            return root;
        }
        VisionTokenIds tokens = config.visionTokens().orElseThrow();
        root.put("image_token_id", tokens.imageTokenId());
        root.put("video_token_id", tokens.videoTokenId());
        root.put("vision_start_token_id", tokens.visionStartTokenId());
        root.put("vision_end_token_id", tokens.visionEndTokenId());
        root.put("tie_word_embeddings", config.tieWordEmbeddings());
        ObjectNode text = root.putObject("text_config");
        text.put("model_type", config.modelType().textType().hfName());
        writeText(text, config);
        writeVision(root.putObject("vision_config"), config.vision().orElseThrow(), config.modelType());
        return root;
    }

    private static void writeText(ObjectNode out, ModelConfig config) {
        TextConfig t = config.text();
        out.put("attention_bias", t.attentionBias());
        out.put("attn_output_gate", t.attnOutputGate());
        out.put("dtype", "bfloat16");
        writeTokenIds(out, "eos_token_id", config.eosTokenIds());
        LayerSchedule.intervalOf(t.layerTypes()).ifPresent(i -> out.put("full_attention_interval", i));
        out.put("head_dim", t.headDim());
        out.put("hidden_act", t.hiddenAct());
        out.put("hidden_size", t.hiddenSize());
        t.intermediateSize().ifPresent(i -> out.put("intermediate_size", i));
        ArrayNode layerTypes = out.putArray("layer_types");
        t.layerTypes().forEach(type -> layerTypes.add(type.hfName()));
        out.put("linear_conv_kernel_dim", t.linearConvKernelDim());
        out.put("linear_key_head_dim", t.linearKeyHeadDim());
        out.put("linear_num_key_heads", t.linearNumKeyHeads());
        out.put("linear_num_value_heads", t.linearNumValueHeads());
        out.put("linear_value_head_dim", t.linearValueHeadDim());
        out.put("mamba_ssm_dtype", "float32");
        out.put("max_position_embeddings", t.maxPositionEmbeddings());
        out.put("mtp_num_hidden_layers", t.mtpNumHiddenLayers());
        out.put("mtp_use_dedicated_embeddings", false);
        out.put("num_attention_heads", t.numAttentionHeads());
        out.put("num_hidden_layers", t.numHiddenLayers());
        out.put("num_key_value_heads", t.numKeyValueHeads());
        out.put("partial_rotary_factor", t.rope().partialRotaryFactor());
        out.put("rms_norm_eps", t.rmsNormEps());
        writeRope(out.putObject("rope_parameters"), t.rope());
        out.put("tie_word_embeddings", config.tieWordEmbeddings());
        out.put("use_cache", true);
        out.put("vocab_size", t.vocabSize());
        t.moe().ifPresent(moe -> writeMoe(out, moe));
    }

    private static void writeRope(ObjectNode out, RopeParameters rope) {
        out.put("mrope_interleaved", rope.mropeInterleaved());
        ArrayNode section = out.putArray("mrope_section");
        rope.mropeSection().forEach(section::add);
        out.put("partial_rotary_factor", rope.partialRotaryFactor());
        putNumber(out, "rope_theta", rope.ropeTheta());
        out.put("rope_type", rope.ropeType());
    }

    private static void writeMoe(ObjectNode out, MoeConfig moe) {
        out.put("num_experts", moe.numExperts());
        out.put("num_experts_per_tok", moe.numExpertsPerTok());
        out.put("moe_intermediate_size", moe.moeIntermediateSize());
        out.put("shared_expert_intermediate_size", moe.sharedExpertIntermediateSize());
        out.put("norm_topk_prob", moe.normTopkProb());
        out.put("decoder_sparse_step", moe.decoderSparseStep());
        ArrayNode mlpOnly = out.putArray("mlp_only_layers");
        moe.mlpOnlyLayers().forEach(mlpOnly::add);
    }

    private static void writeVision(ObjectNode out, VisionConfig v, ModelType type) {
        // Official files label vision_config with the top-level model_type; HF remaps it on load.
        out.put("model_type", type.hfName());
        ArrayNode deepstack = out.putArray("deepstack_visual_indexes");
        v.deepstackVisualIndexes().forEach(deepstack::add);
        out.put("depth", v.depth());
        out.put("hidden_act", v.hiddenAct());
        out.put("hidden_size", v.hiddenSize());
        out.put("in_channels", v.inChannels());
        out.put("intermediate_size", v.intermediateSize());
        out.put("num_heads", v.numHeads());
        out.put("num_position_embeddings", v.numPositionEmbeddings());
        out.put("out_hidden_size", v.outHiddenSize());
        out.put("patch_size", v.patchSize());
        if (v.ropeTheta() != VisionConfig.DEFAULT_ROPE_THETA) {
            out.put("rope_theta", v.ropeTheta());
        }
        out.put("spatial_merge_size", v.spatialMergeSize());
        out.put("temporal_patch_size", v.temporalPatchSize());
    }

    /** One id as a plain integer, several as a list (HF's two spellings); nothing when there are none. */
    static void writeTokenIds(ObjectNode out, String key, List<Integer> ids) {
        if (ids.size() == 1) {
            out.put(key, ids.get(0));
        } else if (!ids.isEmpty()) {
            ArrayNode list = out.putArray(key);
            ids.forEach(list::add);
        }
    }

    /** Whole numbers such as rope_theta 1e7 are written as integers, as HF files do. */
    private static void putNumber(ObjectNode out, String key, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.put(key, (long) value);
        } else {
            out.put(key, value);
        }
    }
}
