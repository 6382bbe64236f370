package io.sparkinfer.engine.config;

import java.util.List;

/**
 * Sparse Mixture-of-Experts sizes of a {@code qwen3_5_moe} text model. Every layer is an MoE layer: HF's
 * Qwen3.5-MoE decoder builds the sparse block unconditionally, so {@code decoder_sparse_step} and
 * {@code mlp_only_layers} are kept as read but change nothing; likewise HF always renormalises the top-k
 * weights whatever {@code norm_topk_prob} says.
 *
 * @param numExperts                   routed experts E
 * @param numExpertsPerTok             experts chosen per token (top-k), at most E
 * @param moeIntermediateSize          routed expert SwiGLU width Ie
 * @param sharedExpertIntermediateSize shared expert SwiGLU width Is
 * @param normTopkProb                 as read (ignored by HF Qwen3.5-MoE, which always renormalises)
 * @param decoderSparseStep            as read (ignored, see above)
 * @param mlpOnlyLayers                as read (ignored, see above)
 */
public record MoeConfig(
        int numExperts,
        int numExpertsPerTok,
        int moeIntermediateSize,
        int sharedExpertIntermediateSize,
        boolean normTopkProb,
        int decoderSparseStep,
        List<Integer> mlpOnlyLayers) {

    public MoeConfig {
        Checks.positive("num_experts", numExperts);
        Checks.positive("num_experts_per_tok", numExpertsPerTok);
        Checks.positive("moe_intermediate_size", moeIntermediateSize);
        Checks.positive("shared_expert_intermediate_size", sharedExpertIntermediateSize);
        Checks.positive("decoder_sparse_step", decoderSparseStep);
        if (numExpertsPerTok > numExperts) {
            throw new ConfigException("num_experts_per_tok=" + numExpertsPerTok
                    + " must not exceed num_experts=" + numExperts);
        }
        mlpOnlyLayers = List.copyOf(mlpOnlyLayers);
        for (int layer : mlpOnlyLayers) {
            if (layer < 0) {
                throw new ConfigException("mlp_only_layers=" + mlpOnlyLayers + " holds a negative layer index");
            }
        }
    }
}
