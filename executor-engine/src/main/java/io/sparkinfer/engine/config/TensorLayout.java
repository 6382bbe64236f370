package io.sparkinfer.engine.config;

import java.util.List;

/**
 * How a checkpoint's tensors are laid out, found by {@link TensorSchema#validate}; every tensor in
 * {@link #checked()} is present with its exact shape.
 *
 * @param textPrefix      {@code "model.language_model."} (multimodal) or {@code "model."} (text-only export)
 * @param fusedExperts    MoE experts stored as {@code experts.gate_up_proj}/{@code down_proj} (false: per
 *                        expert, or a dense model)
 * @param hasVision       {@code model.visual.*} tensors were found and checked
 * @param tiedEmbeddings  config.json's tie_word_embeddings
 * @param checked         the expected tensors, in model order (lm_head included when present)
 * @param ignored         tensors deliberately not used ({@code mtp.*}, the multi-token-prediction head)
 * @param unexpected      other tensors the config does not explain (not an error), sorted
 * @param notes           things a user should know, e.g. a multimodal config loaded text-only
 */
public record TensorLayout(
        String textPrefix,
        boolean fusedExperts,
        boolean hasVision,
        boolean tiedEmbeddings,
        List<ExpectedTensor> checked,
        List<String> ignored,
        List<String> unexpected,
        List<String> notes) {

    public TensorLayout {
        checked = List.copyOf(checked);
        ignored = List.copyOf(ignored);
        unexpected = List.copyOf(unexpected);
        notes = List.copyOf(notes);
    }
}
