package io.sparkinfer.engine.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A checkpoint's {@code config.json}: model type, text model, optional vision tower and its token ids.
 *
 * <p>Multimodal types ({@code qwen3_5}, {@code qwen3_5_moe}) nest the text keys in {@code text_config} and
 * need a {@code vision_config}; text-only exports ({@code qwen3_5_text}, {@code qwen3_5_moe_text}) put the
 * text keys at the top level and have no vision.
 *
 * @param modelType          the top-level {@code model_type}
 * @param text               the language model
 * @param vision             the vision tower, present iff the type is multimodal
 * @param visionTokens       image/video/vision_start/vision_end ids, present iff the type is multimodal
 * @param tieWordEmbeddings  lm_head shares embed_tokens (top level, else text_config; default false)
 * @param eosTokenIds        {@code eos_token_id} of config.json (top level, else text_config); may be empty.
 *                           Chat generation should stop on generation_config.json's list instead.
 */
public record ModelConfig(
        ModelType modelType,
        TextConfig text,
        Optional<VisionConfig> vision,
        Optional<VisionTokenIds> visionTokens,
        boolean tieWordEmbeddings,
        List<Integer> eosTokenIds) {

    public static final String FILE_NAME = "config.json";

    public ModelConfig {
        if (modelType == null || text == null || vision == null || visionTokens == null) {
            throw new ConfigException("[BUG] ModelConfig built with a null component");
        }
        eosTokenIds = List.copyOf(eosTokenIds);
        if (modelType.isMoe() != text.isMoe()) {
            throw new ConfigException("[BUG] model_type " + modelType.hfName() + " with a "
                    + (text.isMoe() ? "MoE" : "dense") + " text config");
        }
        if (modelType.isMultimodal() != vision.isPresent() || vision.isPresent() != visionTokens.isPresent()) {
            throw new ConfigException("[BUG] model_type " + modelType.hfName() + " with vision config "
                    + (vision.isPresent() ? "present" : "absent") + " and vision token ids "
                    + (visionTokens.isPresent() ? "present" : "absent"));
        }
        if (vision.isPresent() && vision.get().outHiddenSize() != text.hiddenSize()) {
            throw new ConfigException("vision_config.out_hidden_size=" + vision.get().outHiddenSize()
                    + " must equal text_config.hidden_size=" + text.hiddenSize()
                    + " (the vision merger writes image features into the text model's embedding rows)");
        }
        if (visionTokens.isPresent() && visionTokens.get().maxId() >= text.vocabSize()) {
            throw new ConfigException(visionTokens.get().describe() + " must all be below vocab_size="
                    + text.vocabSize() + "; set image_token_id, video_token_id, vision_start_token_id and"
                    + " vision_end_token_id to this tokenizer's ids");
        }
        for (int eos : eosTokenIds) {
            if (eos < 0 || eos >= text.vocabSize()) {
                throw new ConfigException("eos_token_id " + eos + " must be in [0, vocab_size=" + text.vocabSize() + ")");
            }
        }
    }

    public boolean isMoe() {
        return modelType.isMoe();
    }

    public boolean isMultimodal() {
        return modelType.isMultimodal();
    }

    /** Reads {@code config.json} from a model directory. */
    public static ModelConfig load(Path modelDir) {
        String json = ConfigFiles.readRequired(modelDir, FILE_NAME);
        return parse(json, modelDir.resolve(FILE_NAME).toString());
    }

    /** Parses config.json text; {@code sourceName} (a path or label) starts every error message. */
    public static ModelConfig parse(String json, String sourceName) {
        try {
            return ModelConfigReader.read(ConfigFiles.parseObject(json));
        } catch (ConfigException e) {
            throw e.at(sourceName);
        }
    }

    /** This config as config.json in the exact HF layout (see {@link ModelConfigWriter}). */
    public ObjectNode toJson() {
        return ModelConfigWriter.write(this);
    }
}
