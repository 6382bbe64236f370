package io.sparkinfer.engine.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tensors a config implies (names and exact shapes, spec section 9), and the check that a checkpoint
 * holds them. Shapes only: dtypes are the weight reader's business (A_log may be F32 in a BF16 file).
 */
public final class TensorSchema {

    /** Text tensors of a multimodal checkpoint live here. */
    public static final String MULTIMODAL_TEXT_PREFIX = "model.language_model.";
    /** Text tensors of a text-only export live here. */
    public static final String TEXT_ONLY_PREFIX = "model.";
    /** Multi-token-prediction head: not used by plain inference, never checked. */
    public static final String MTP_PREFIX = "mtp.";

    private TensorSchema() {
    }

    /** Every tensor the config implies, vision included when the config has a vision tower. */
    public static List<ExpectedTensor> expected(ModelConfig cfg, String textPrefix, boolean fusedExperts) {
        return expected(cfg, textPrefix, fusedExperts, cfg.isMultimodal());
    }

    /**
     * Every tensor the config implies: embed_tokens, each layer's norms, mixer (DeltaNet or attention, per
     * the layer schedule) and MLP or MoE, the final norm, lm_head unless tied, then the vision tower if asked.
     */
    public static List<ExpectedTensor> expected(ModelConfig cfg, String textPrefix, boolean fusedExperts,
            boolean withVision) {
        if (withVision && cfg.vision().isEmpty()) {
            throw new IllegalArgumentException("[BUG] vision tensors asked for a config without vision_config");
        }
        List<ExpectedTensor> out = new ArrayList<>(TextTensors.of(cfg.text(), textPrefix, fusedExperts));
        if (!cfg.tieWordEmbeddings()) {
            out.add(TextTensors.lmHead(cfg.text()));
        }
        if (withVision) {
            out.addAll(VisionTensors.of(cfg.vision().orElseThrow()));
        }
        return out;
    }

    /**
     * Checks that a checkpoint holds every tensor the config implies, with the exact shape. Detects the text
     * prefix, fused or per-expert MoE weights, and whether the vision tower is present (a multimodal config
     * may be loaded text-only from a checkpoint with no {@code model.visual.*}). Ignores {@code mtp.*};
     * lists other extra tensors. Accepts {@code lm_head.weight} even when tied (then it must be [V, H]).
     *
     * @param actualShapes every tensor name of the checkpoint with its shape
     * @param source       the checkpoint, for messages (e.g. its directory or index file)
     * @throws ConfigException naming the first missing or mis-shaped tensor, both shapes and the config
     *                         fields behind the expected one
     */
    public static TensorLayout validate(ModelConfig cfg, Map<String, long[]> actualShapes, String source) {
        String prefix = detectTextPrefix(actualShapes.keySet(), source);
        boolean fused = cfg.isMoe() && detectFusedExperts(actualShapes.keySet(), prefix);
        boolean hasVision = cfg.isMultimodal()
                && actualShapes.keySet().stream().anyMatch(n -> n.startsWith(VisionTensors.PREFIX));
        List<String> notes = new ArrayList<>();
        if (cfg.isMultimodal() && !hasVision) {
            notes.add("config.json describes a vision tower but " + source + " has no " + VisionTensors.PREFIX
                    + "* tensors: loading the text model only (image inputs will be refused)");
        }

        List<ExpectedTensor> checked = new ArrayList<>(expected(cfg, prefix, fused, hasVision));
        ExpectedTensor lmHead = TextTensors.lmHead(cfg.text());
        if (cfg.tieWordEmbeddings() && actualShapes.containsKey(lmHead.name())) {
            checked.add(lmHead);
            notes.add(source + " has lm_head.weight although tie_word_embeddings=true; its shape is checked");
        }
        checkAll(checked, actualShapes, source, prefix);

        Set<String> expectedNames = new HashSet<>();
        checked.forEach(t -> expectedNames.add(t.name()));
        List<String> ignored = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        actualShapes.keySet().stream().sorted().filter(n -> !expectedNames.contains(n))
                .forEach(n -> (n.startsWith(MTP_PREFIX) ? ignored : unexpected).add(n));
        return new TensorLayout(prefix, fused, hasVision, cfg.tieWordEmbeddings(), checked, ignored, unexpected,
                notes);
    }

    /** One error for the first problem, counting the others, so a wrong config does not flood the log. */
    private static void checkAll(List<ExpectedTensor> expected, Map<String, long[]> actual, String source,
            String prefix) {
        String first = null;
        int problems = 0;
        for (ExpectedTensor tensor : expected) {
            long[] shape = actual.get(tensor.name());
            String problem = null;
            if (shape == null) {
                problem = "tensor " + tensor.name() + " is missing from " + source + " (text prefix found: \""
                        + prefix + "\"); config.json implies it with shape " + Arrays.toString(tensor.shape())
                        + " (" + tensor.derivation() + ")";
            } else if (!tensor.matches(shape)) {
                problem = "tensor " + tensor.name() + " has shape " + Arrays.toString(shape) + " in " + source
                        + " but config.json implies " + Arrays.toString(tensor.shape()) + " ("
                        + tensor.derivation() + ")";
            }
            if (problem != null) {
                problems++;
                first = first == null ? problem : first;
            }
        }
        if (first != null) {
            String more = problems > 1 ? " (and " + (problems - 1) + " more tensors are missing or mis-shaped)" : "";
            throw new ConfigException(first + more + "; the config does not match the weights: use the"
                    + " config.json that was saved with this checkpoint");
        }
    }

    private static String detectTextPrefix(Set<String> names, String source) {
        if (names.stream().anyMatch(n -> n.startsWith(MULTIMODAL_TEXT_PREFIX))) {
            return MULTIMODAL_TEXT_PREFIX;
        }
        if (names.stream().anyMatch(n -> n.startsWith(TEXT_ONLY_PREFIX) && !n.startsWith(VisionTensors.PREFIX))) {
            return TEXT_ONLY_PREFIX;
        }
        throw new ConfigException(source + " holds no language-model tensors (looked for names starting with "
                + MULTIMODAL_TEXT_PREFIX + " or " + TEXT_ONLY_PREFIX + "); is it a Qwen3.5 checkpoint?");
    }

    /** Fused {@code experts.gate_up_proj} unless the checkpoint uses per-expert names. */
    private static boolean detectFusedExperts(Set<String> names, String prefix) {
        boolean fused = names.stream().anyMatch(n -> n.startsWith(prefix) && n.endsWith(".mlp.experts.gate_up_proj"));
        boolean perExpert = names.stream().anyMatch(n -> n.startsWith(prefix)
                && n.endsWith(".mlp.experts.0.gate_proj.weight"));
        return fused || !perExpert;
    }
}
