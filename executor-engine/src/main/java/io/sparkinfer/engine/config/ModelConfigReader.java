package io.sparkinfer.engine.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/** Reads the top level of config.json and dispatches on {@code model_type}. */
final class ModelConfigReader {

    private ModelConfigReader() {
    }

    static ModelConfig read(ObjectNode root) {
        JsonFields top = JsonFields.of(root);
        String typeName = top.optionalString("model_type").orElseThrow(() -> top.missing("model_type",
                "one of " + ModelType.supportedNames()));
        ModelType type = ModelType.fromHfName(typeName);
        return type.isMultimodal() ? readMultimodal(top, type) : readTextOnly(top, type);
    }

    private static ModelConfig readTextOnly(JsonFields top, ModelType type) {
        TextConfig text = TextConfigReader.read(top, type.isMoe());
        boolean tie = top.optionalBoolean("tie_word_embeddings", false);
        List<Integer> eos = top.optionalIntOrIntList("eos_token_id").orElse(List.of());
        return new ModelConfig(type, text, Optional.empty(), Optional.empty(), tie, eos);
    }

    private static ModelConfig readMultimodal(JsonFields top, ModelType type) {
        JsonFields textFields = top.requiredObject("text_config",
                "model_type " + type.hfName() + " nests the language model's keys there");
        Optional<String> textType = textFields.optionalString("model_type");
        if (textType.isPresent() && !textType.get().equals(type.textType().hfName())) {
            throw new ConfigException("text_config.model_type is \"" + textType.get() + "\" but model_type \""
                    + type.hfName() + "\" needs \"" + type.textType().hfName() + "\"; dense and MoE configs"
                    + " cannot be mixed");
        }
        TextConfig text = TextConfigReader.read(textFields, type.isMoe());
        JsonFields visionFields = top.requiredObject("vision_config", "model_type " + type.hfName()
                + " is multimodal; for a text-only model use model_type " + type.textType().hfName());
        VisionConfig vision = VisionConfig.read(visionFields);
        VisionTokenIds tokens = VisionTokenIds.read(top);
        boolean tie = readTie(top, textFields);
        List<Integer> eos = top.optionalIntOrIntList("eos_token_id")
                .or(() -> textFields.optionalIntOrIntList("eos_token_id")).orElse(List.of());
        return new ModelConfig(type, text, Optional.of(vision), Optional.of(tokens), tie, eos);
    }

    /** {@code tie_word_embeddings} may sit at the top, in text_config, or both (then they must agree). */
    private static boolean readTie(JsonFields top, JsonFields text) {
        String key = "tie_word_embeddings";
        if (top.has(key) && text.has(key)
                && top.optionalBoolean(key, false) != text.optionalBoolean(key, false)) {
            throw new ConfigException("tie_word_embeddings=" + top.optionalBoolean(key, false)
                    + " disagrees with text_config.tie_word_embeddings=" + text.optionalBoolean(key, false)
                    + "; make them equal (true iff the checkpoint has no separate lm_head.weight)");
        }
        return top.has(key) ? top.optionalBoolean(key, false) : text.optionalBoolean(key, false);
    }
}
