package io.sparkinfer.engine.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The released Qwen3.5 shapes (spec section 8) as ready configs, for {@code make-tiny-model --shape} and
 * benchmarks, plus {@link #tiny()} for small test models. Sizes marked [inferred] in the spec (2B, parts of
 * 9B/122B/397B) are the spec's best reading, not copied official files.
 */
public final class ModelShapes {

    /** {@code <|endoftext|>} and {@code <|im_end|>} of the released vocabulary. */
    public static final int END_OF_TEXT_ID = 248_044;
    public static final int IM_END_ID = 248_046;
    public static final int RELEASED_VOCAB_SIZE = 248_320;

    private static final Map<String, Supplier<ConfigBuilder>> RELEASED = new LinkedHashMap<>();

    static {
        RELEASED.put("qwen3.5-0.8b", () -> dense(24, 1024, 8, 2, 16, 16, 3584, true).vision(12, 768, 12, 3072, 2304));
        RELEASED.put("qwen3.5-2b", () -> dense(24, 2048, 8, 2, 16, 16, 6144, true).vision(24, 1024, 16, 4096, 2304));
        RELEASED.put("qwen3.5-4b", () -> dense(32, 2560, 16, 4, 16, 32, 9216, true).vision(24, 1024, 16, 4096, 2304));
        RELEASED.put("qwen3.5-9b", () -> dense(32, 4096, 16, 4, 16, 32, 12288, false).vision(27, 1152, 16, 4304, 2304));
        RELEASED.put("qwen3.5-27b", () -> dense(64, 5120, 24, 4, 16, 48, 17408, false).vision(27, 1152, 16, 4304, 2304));
        RELEASED.put("qwen3.5-35b-a3b", () -> moe(40, 2048, 16, 2, 16, 32, 256, 8, 512).vision(27, 1152, 16, 4304, 2304));
        RELEASED.put("qwen3.5-122b-a10b", () -> moe(48, 3072, 32, 2, 16, 64, 256, 8, 1024).vision(27, 1152, 16, 4304, 2304));
        RELEASED.put("qwen3.5-397b-a17b", () -> moe(60, 4096, 32, 2, 16, 64, 512, 10, 1024).vision(27, 1152, 16, 4304, 2304));
    }

    private ModelShapes() {
    }

    /** The released shape names, smallest first: {@code qwen3.5-0.8b}, ..., {@code qwen3.5-397b-a17b}. */
    public static List<String> names() {
        return List.copyOf(RELEASED.keySet());
    }

    /** A released shape's config; an unknown name is an error listing the known ones. */
    public static ModelConfig named(String name) {
        return builder(name).build();
    }

    /** A builder preset to a released shape, e.g. to drop its vision tower; unknown names list the known ones. */
    public static ConfigBuilder builder(String name) {
        Supplier<ConfigBuilder> shape = RELEASED.get(name);
        if (shape == null) {
            throw new ConfigException("unknown model shape \"" + name + "\"; known shapes: "
                    + String.join(", ", names()));
        }
        return shape.get();
    }

    /** A released shape's config.json in the HF layout. */
    public static ObjectNode namedJson(String name) {
        return named(name).toJson();
    }

    /** generation_config.json of the released models: stop on [im_end, endoftext]. */
    public static GenerationConfig releasedGenerationConfig() {
        return GenerationConfig.qwen35(IM_END_ID, END_OF_TEXT_ID);
    }

    /** preprocessor_config.json of the released models. */
    public static PreprocessorConfig releasedPreprocessorConfig() {
        return PreprocessorConfig.QWEN3_5;
    }

    /** A builder for small test models, starting from the fixture shape (hidden 64, 8 layers, vocab 512). */
    public static ConfigBuilder tiny() {
        return new ConfigBuilder();
    }

    private static ConfigBuilder released() {
        return new ConfigBuilder()
                .vocabSize(RELEASED_VOCAB_SIZE)
                .fullAttentionInterval(4)
                .convKernel(4)
                .rope(1e7, 0.25)
                .mtpLayers(1)
                .maxPositionEmbeddings(262_144)
                .visionTokenIds(VisionTokenIds.QWEN3_5)
                .eosTokenIds(List.of(END_OF_TEXT_ID));
    }

    private static ConfigBuilder dense(int layers, int hidden, int heads, int kvHeads, int linearKeyHeads,
            int linearValueHeads, int ffn, boolean tie) {
        return released().variant("dense").layers(layers).hiddenSize(hidden).attention(heads, kvHeads, 256)
                .linearAttention(linearKeyHeads, linearValueHeads, 128, 128).intermediateSize(ffn)
                .tieWordEmbeddings(tie);
    }

    /** Released MoE models: one shared expert as wide as a routed one, untied embeddings. */
    private static ConfigBuilder moe(int layers, int hidden, int heads, int kvHeads, int linearKeyHeads,
            int linearValueHeads, int experts, int perToken, int expertSize) {
        return released().variant("moe").layers(layers).hiddenSize(hidden).attention(heads, kvHeads, 256)
                .linearAttention(linearKeyHeads, linearValueHeads, 128, 128)
                .experts(experts, perToken, expertSize, expertSize).tieWordEmbeddings(false);
    }
}
