package io.sparkinfer.engine.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal names the file, the key and the values involved. */
class ModelConfigErrorsTest {

    private static final String SOURCE = "/models/broken/config.json";

    /** Parses the dense fixture after {@code change}, expecting a refusal; returns its message. */
    private static String refusal(Consumer<ObjectNode> change) {
        ObjectNode root = Fixtures.configTree(Fixtures.DENSE);
        change.accept(root);
        String message = assertThrows(ConfigException.class, () -> ModelConfig.parse(root.toString(), SOURCE))
                .getMessage();
        assertTrue(message.startsWith(SOURCE + ": "), message);
        return message;
    }

    private static ObjectNode text(ObjectNode root) {
        return (ObjectNode) root.get("text_config");
    }

    private static void assertContainsAll(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "expected \"" + part + "\" in: " + message);
        }
    }

    @Test
    void mropeSectionMustSumToHalfTheRotaryDim() {
        String message = refusal(root -> ((ObjectNode) text(root).get("rope_parameters"))
                .putArray("mrope_section").add(4).add(3).add(2));
        assertContainsAll(message, "text_config", "mrope_section=[4, 3, 2]", "sums to 9", "rotary_dim / 2 = 8",
                "head_dim=64", "partial_rotary_factor=0.25");
    }

    @Test
    void keyValueHeadsMustDivideAttentionHeads() {
        String message = refusal(root -> text(root).put("num_key_value_heads", 3));
        assertContainsAll(message, "num_key_value_heads=3", "num_attention_heads=4");
    }

    @Test
    void linearValueHeadsMustBeAMultipleOfKeyHeads() {
        String message = refusal(root -> text(root).put("linear_num_value_heads", 3));
        assertContainsAll(message, "linear_num_value_heads=3", "linear_num_key_heads=2");
    }

    @Test
    void unknownModelTypeListsTheSupportedOnes() {
        String message = refusal(root -> root.put("model_type", "qwen3_next"));
        assertContainsAll(message, "\"qwen3_next\"", "qwen3_5, qwen3_5_moe, qwen3_5_text, qwen3_5_moe_text");
    }

    @Test
    void ropeThetaIsRequiredInRopeParameters() {
        String message = refusal(root -> ((ObjectNode) text(root).get("rope_parameters")).remove("rope_theta"));
        assertContainsAll(message, "text_config.rope_parameters.rope_theta", "missing");
    }

    @Test
    void ropeThetaIsRequiredWithoutRopeParametersToo() {
        String message = refusal(root -> text(root).remove("rope_parameters"));
        assertContainsAll(message, "text_config.rope_parameters", "rope_theta", "missing");
    }

    @Test
    void deepstackMustBeEmpty() {
        String message = refusal(root -> ((ObjectNode) root.get("vision_config"))
                .putArray("deepstack_visual_indexes").add(5).add(11));
        assertContainsAll(message, "vision_config", "deepstack_visual_indexes=[5, 11]", "DeepStack");
    }

    @Test
    void visionOutputMustMatchTextHidden() {
        String message = refusal(root -> ((ObjectNode) root.get("vision_config")).put("out_hidden_size", 96));
        assertContainsAll(message, "out_hidden_size=96", "hidden_size=64");
    }

    @Test
    void layerTypesMustHaveOneEntryPerLayer() {
        String message = refusal(root -> text(root).put("num_hidden_layers", 6));
        assertContainsAll(message, "layer_types has 8 entries", "num_hidden_layers=6");
    }

    @Test
    void unknownLayerTypeIsNamed() {
        String message = refusal(root -> text(root).withArray("layer_types").set(2,
                text(root).textNode("sliding_attention")));
        assertContainsAll(message, "text_config.layer_types", "\"sliding_attention\"", "linear_attention");
    }

    @Test
    void topKMustNotExceedExperts() {
        ObjectNode root = Fixtures.configTree(Fixtures.MOE);
        text(root).put("num_experts_per_tok", 9);
        String message = assertThrows(ConfigException.class, () -> ModelConfig.parse(root.toString(), SOURCE))
                .getMessage();
        assertContainsAll(message, SOURCE, "num_experts_per_tok=9", "num_experts=8");
    }

    @Test
    void positionEmbeddingsMustBeASquare() {
        String message = refusal(root -> ((ObjectNode) root.get("vision_config")).put("num_position_embeddings", 60));
        assertContainsAll(message, "num_position_embeddings=60", "perfect square");
    }

    @Test
    void sizesMustBePositive() {
        String message = refusal(root -> text(root).put("hidden_size", 0));
        assertContainsAll(message, "hidden_size=0", "positive");
    }

    @Test
    void wrongJsonTypesAreNamedWithTheirValue() {
        String message = refusal(root -> text(root).put("head_dim", "sixty-four"));
        assertContainsAll(message, "text_config.head_dim", "integer", "\"sixty-four\"");
    }

    @Test
    void missingRequiredKeyIsNamedWithItsPath() {
        String message = refusal(root -> text(root).remove("linear_key_head_dim"));
        assertContainsAll(message, "text_config.linear_key_head_dim", "missing");
    }

    @Test
    void denseModelNeedsIntermediateSize() {
        String message = refusal(root -> text(root).remove("intermediate_size"));
        assertContainsAll(message, "intermediate_size", "dense");
    }

    @Test
    void visionTokenIdsMustFitTheVocabulary() {
        String message = refusal(root -> root.put("image_token_id", 600));
        assertContainsAll(message, "image_token_id=600", "vocab_size=512");
    }

    @Test
    void conflictingTieFlagsAreRefused() {
        String message = refusal(root -> text(root).put("tie_word_embeddings", true));
        assertContainsAll(message, "tie_word_embeddings=false", "text_config.tie_word_embeddings=true");
    }

    @Test
    void multimodalTypeNeedsVisionConfig() {
        String message = refusal(root -> root.remove("vision_config"));
        assertContainsAll(message, "vision_config", "missing", "qwen3_5_text");
    }

    @Test
    void mixedDenseAndMoeTypesAreRefused() {
        String message = refusal(root -> text(root).put("model_type", "qwen3_5_moe_text"));
        assertContainsAll(message, "\"qwen3_5_moe_text\"", "\"qwen3_5_text\"");
    }

    @Test
    void unsupportedRopeTypeIsRefused() {
        String message = refusal(root -> ((ObjectNode) text(root).get("rope_parameters")).put("rope_type", "yarn"));
        assertContainsAll(message, "\"yarn\"", "not supported");
    }

    @Test
    void invalidJsonNamesTheFile() {
        String message = assertThrows(ConfigException.class, () -> ModelConfig.parse("{\"model_type\": ", SOURCE))
                .getMessage();
        assertContainsAll(message, SOURCE, "not valid JSON");
    }

    @Test
    void missingConfigFileNamesTheDirectory(@TempDir Path dir) {
        String message = assertThrows(ConfigException.class, () -> ModelConfig.load(dir)).getMessage();
        assertContainsAll(message, "no config.json in " + dir);
    }

    @Test
    void missingDirectoryIsNamed(@TempDir Path dir) {
        Path absent = dir.resolve("nope");
        String message = assertThrows(ConfigException.class, () -> ModelConfig.load(absent)).getMessage();
        assertContainsAll(message, absent.toString(), "does not exist");
    }

    @Test
    void loadNamesTheFileInErrors(@TempDir Path dir) throws Exception {
        ObjectNode root = Fixtures.configTree(Fixtures.DENSE);
        text(root).put("num_key_value_heads", 3);
        Files.writeString(dir.resolve("config.json"), root.toString());

        String message = assertThrows(ConfigException.class, () -> ModelConfig.load(dir)).getMessage();
        assertTrue(message.startsWith(dir.resolve("config.json") + ": "), message);
    }
}
