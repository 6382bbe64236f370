package io.sparkinfer.engine.config;

import static io.sparkinfer.engine.config.LayerType.FULL_ATTENTION;
import static io.sparkinfer.engine.config.LayerType.LINEAR_ATTENTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The other spellings of config.json a loader must accept. */
class ModelConfigFormsTest {

    /** The fixture's text_config as a text-only export: text keys at the top level. */
    private static ObjectNode textOnly(Path fixture, String modelType) {
        ObjectNode text = (ObjectNode) Fixtures.configTree(fixture).get("text_config").deepCopy();
        text.put("model_type", modelType);
        return text;
    }

    private static ObjectNode textConfigOf(ObjectNode root) {
        return (ObjectNode) root.get("text_config");
    }

    @Test
    void denseTextOnlyExport() {
        ModelConfig cfg = ModelConfig.parse(textOnly(Fixtures.DENSE, "qwen3_5_text").toString(), "text.json");
        ModelConfig multimodal = ModelConfig.load(Fixtures.DENSE);

        assertEquals(ModelType.QWEN3_5_TEXT, cfg.modelType());
        assertFalse(cfg.isMultimodal());
        assertFalse(cfg.isMoe());
        assertTrue(cfg.vision().isEmpty());
        assertTrue(cfg.visionTokens().isEmpty());
        assertEquals(multimodal.text(), cfg.text());
        assertEquals(List.of(480), cfg.eosTokenIds());
    }

    @Test
    void moeTextOnlyExport() {
        ModelConfig cfg = ModelConfig.parse(textOnly(Fixtures.MOE, "qwen3_5_moe_text").toString(), "text.json");

        assertEquals(ModelType.QWEN3_5_MOE_TEXT, cfg.modelType());
        assertTrue(cfg.isMoe());
        assertFalse(cfg.isMultimodal());
        assertEquals(ModelConfig.load(Fixtures.MOE).text(), cfg.text());
    }

    @Test
    void scheduleFallsBackToFullAttentionInterval() {
        ObjectNode root = Fixtures.configTree(Fixtures.DENSE);
        textConfigOf(root).remove("layer_types");
        textConfigOf(root).put("full_attention_interval", 3);
        textConfigOf(root).put("num_hidden_layers", 7);

        TextConfig text = ModelConfig.parse(root.toString(), "interval.json").text();

        assertEquals(List.of(LINEAR_ATTENTION, LINEAR_ATTENTION, FULL_ATTENTION, LINEAR_ATTENTION,
                LINEAR_ATTENTION, FULL_ATTENTION, LINEAR_ATTENTION), text.layerTypes());
    }

    @Test
    void scheduleDefaultsToEveryFourthLayer() {
        ObjectNode root = Fixtures.configTree(Fixtures.DENSE);
        textConfigOf(root).remove("layer_types");
        textConfigOf(root).remove("full_attention_interval");

        TextConfig text = ModelConfig.parse(root.toString(), "default-interval.json").text();

        assertEquals(ModelConfig.load(Fixtures.DENSE).text().layerTypes(), text.layerTypes());
        assertEquals(FULL_ATTENTION, text.layerType(3));
        assertEquals(FULL_ATTENTION, text.layerType(7));
    }

    @Test
    void headDimDefaultsToHiddenOverHeadsOnlyWhenAbsent() {
        ObjectNode root = Fixtures.configTree(Fixtures.DENSE);
        textConfigOf(root).remove("head_dim");
        ObjectNode rope = (ObjectNode) textConfigOf(root).get("rope_parameters");
        rope.putArray("mrope_section").add(1).add(1).add(0); // rotary dim int(16 * 0.25) = 4

        TextConfig text = ModelConfig.parse(root.toString(), "no-head-dim.json").text();

        assertEquals(64 / 4, text.headDim());
        assertEquals(4, text.rotaryDim());
    }

    @Test
    void olderFlatRopeKeysAreAccepted() {
        ObjectNode root = Fixtures.configTree(Fixtures.DENSE);
        ObjectNode text = textConfigOf(root);
        text.remove("rope_parameters");
        text.put("rope_theta", 5e6);
        text.put("partial_rotary_factor", 0.5);
        ObjectNode scaling = text.putObject("rope_scaling");
        scaling.put("type", "mrope");
        scaling.putArray("mrope_section").add(6).add(5).add(5);

        RopeParameters rope = ModelConfig.parse(root.toString(), "flat.json").text().rope();

        assertEquals(5e6, rope.ropeTheta());
        assertEquals(0.5, rope.partialRotaryFactor());
        assertEquals(List.of(6, 5, 5), rope.mropeSection());
        assertEquals(32, rope.rotaryDim(64));
    }

    @Test
    void partialRotaryFactorMayBeNestedOnlyOrFlatOnly() {
        ObjectNode nestedOnly = Fixtures.configTree(Fixtures.DENSE);
        textConfigOf(nestedOnly).remove("partial_rotary_factor");
        ObjectNode flatOnly = Fixtures.configTree(Fixtures.DENSE);
        ((ObjectNode) textConfigOf(flatOnly).get("rope_parameters")).remove("partial_rotary_factor");
        ObjectNode neither = Fixtures.configTree(Fixtures.DENSE);
        textConfigOf(neither).remove("partial_rotary_factor");
        ((ObjectNode) textConfigOf(neither).get("rope_parameters")).remove("partial_rotary_factor");

        for (ObjectNode root : List.of(nestedOnly, flatOnly, neither)) {
            assertEquals(16, ModelConfig.parse(root.toString(), "partial.json").text().rotaryDim());
        }
    }

    @Test
    void tieWordEmbeddingsIsReadFromTextConfigWhenAbsentAtTheTop() {
        ObjectNode root = Fixtures.configTree(Fixtures.DENSE);
        root.remove("tie_word_embeddings");
        textConfigOf(root).put("tie_word_embeddings", true);

        assertTrue(ModelConfig.parse(root.toString(), "tie.json").tieWordEmbeddings());
    }

    @Test
    void unknownKeysAreIgnoredAndEosMayBeAList() {
        ObjectNode root = Fixtures.configTree(Fixtures.DENSE);
        root.put("some_future_key", "whatever");
        textConfigOf(root).putObject("quantization_config").put("bits", 4);
        textConfigOf(root).putArray("eos_token_id").add(482).add(480);

        ModelConfig cfg = ModelConfig.parse(root.toString(), "extra.json");

        assertEquals(List.of(482, 480), cfg.eosTokenIds());
        assertEquals(ModelConfig.load(Fixtures.DENSE).text(), cfg.text());
    }

    @Test
    void missingVisionTokenIdsTakeTheReleasedDefaults() {
        ObjectNode root = ModelShapes.named("qwen3.5-0.8b").toJson();
        root.remove("image_token_id");
        root.remove("vision_end_token_id");

        assertEquals(VisionTokenIds.QWEN3_5, ModelConfig.parse(root.toString(), "ids.json").visionTokens().orElseThrow());
    }
}
