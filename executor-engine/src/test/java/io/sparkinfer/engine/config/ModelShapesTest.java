package io.sparkinfer.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ModelShapesTest {

    private static final String MM = TensorSchema.MULTIMODAL_TEXT_PREFIX;

    private static long params(ModelConfig cfg, Predicate<String> nameFilter) {
        return TensorSchema.expected(cfg, MM, true).stream().filter(t -> nameFilter.test(t.name()))
                .mapToLong(ExpectedTensor::numel).sum();
    }

    private static long textParams(ModelConfig cfg) {
        return params(cfg, n -> !n.startsWith("model.visual."));
    }

    /** Text parameters one token touches: all but the (E - k) unrouted experts of every layer. */
    private static long activeTextParams(ModelConfig cfg) {
        MoeConfig moe = cfg.text().moe().orElseThrow();
        long perExpert = 3L * moe.moeIntermediateSize() * cfg.text().hiddenSize();
        return textParams(cfg) - (long) cfg.text().numHiddenLayers() * (moe.numExperts() - moe.numExpertsPerTok())
                * perExpert;
    }

    @Test
    void everyNamedShapeRoundTripsThroughParse() throws Exception {
        assertEquals(8, ModelShapes.names().size());
        for (String name : ModelShapes.names()) {
            ModelConfig cfg = ModelShapes.named(name);
            ObjectNode json = ModelShapes.namedJson(name);
            ModelConfig parsed = ModelConfig.parse(Fixtures.MAPPER.writeValueAsString(json), name);

            assertEquals(cfg, parsed, name);
            assertEquals(json, parsed.toJson(), name);
        }
    }

    @Test
    void namedShapesHaveTheHfLayout() {
        JsonNode json = ModelShapes.namedJson("qwen3.5-35b-a3b");
        JsonNode text = json.get("text_config");
        JsonNode rope = text.get("rope_parameters");

        assertEquals("qwen3_5_moe", json.get("model_type").asText());
        assertEquals("Qwen3_5MoeForConditionalGeneration", json.get("architectures").get(0).asText());
        assertEquals("qwen3_5_moe_text", text.get("model_type").asText());
        assertEquals(248_320, text.get("vocab_size").asInt());
        assertEquals(10_000_000L, rope.get("rope_theta").asLong());
        assertEquals("[11,11,10]", rope.get("mrope_section").toString());
        assertEquals(0.25, rope.get("partial_rotary_factor").asDouble());
        assertEquals(40, text.get("layer_types").size());
        assertEquals("full_attention", text.get("layer_types").get(39).asText());
        assertEquals(4, text.get("full_attention_interval").asInt());
        assertEquals(248_056, json.get("image_token_id").asInt());
        assertEquals(248_053, json.get("vision_start_token_id").asInt());
        assertEquals(248_044, text.get("eos_token_id").asInt());
        assertEquals(2048, json.get("vision_config").get("out_hidden_size").asInt());
        assertEquals(1152, json.get("vision_config").get("hidden_size").asInt());
        assertTrue(json.get("vision_config").get("deepstack_visual_indexes").isEmpty());
    }

    @Test
    void released08bHasAboutEightHundredMillionParameters() {
        ModelConfig cfg = ModelShapes.named("qwen3.5-0.8b");
        TextConfig t = cfg.text();
        // Independent closed form from spec sections 2.3-2.6 and 9 (tied, so no lm_head).
        long h = t.hiddenSize();
        long conv = t.linearConvDim();
        long deltaNet = conv * h + 2L * t.linearValueDim() * h + 2L * t.linearNumValueHeads() * h
                + conv * t.linearConvKernelDim() + 2L * t.linearNumValueHeads() + t.linearValueHeadDim();
        long attention = 2L * t.numAttentionHeads() * t.headDim() * h + 2L * t.numKeyValueHeads() * t.headDim() * h
                + h * t.numAttentionHeads() * t.headDim() + 2L * t.headDim();
        long perLayer = 3L * t.intermediateSize().orElseThrow() * h + 2 * h;
        long full = t.numFullAttentionLayers();
        long expected = (t.numHiddenLayers() - full) * deltaNet + full * attention + t.numHiddenLayers() * perLayer
                + (long) t.vocabSize() * h + h;

        long text = textParams(cfg);
        assertEquals(expected, text);
        assertTrue(text > 750_000_000L && text < 900_000_000L, "0.8B text params: " + text);
        long total = params(cfg, n -> true);
        assertTrue(total > 800_000_000L && total < 900_000_000L, "0.8B total params: " + total);
    }

    @Test
    void everyNamedShapeIsNearItsNominalSize() {
        List<Double> nominalBillions = List.of(0.8, 2.0, 4.0, 9.0, 27.0, 35.0, 122.0, 397.0);
        for (int i = 0; i < nominalBillions.size(); i++) {
            String name = ModelShapes.names().get(i);
            double billions = params(ModelShapes.named(name), n -> true) / 1e9;
            double ratio = billions / nominalBillions.get(i);
            assertTrue(ratio > 0.9 && ratio < 1.15, name + " has " + billions + " B parameters");
        }
    }

    @Test
    void moeShapesActivateAboutTheirNominalParameters() {
        List<String> names = List.of("qwen3.5-35b-a3b", "qwen3.5-122b-a10b", "qwen3.5-397b-a17b");
        List<Double> activeBillions = List.of(3.0, 10.0, 17.0);
        for (int i = 0; i < names.size(); i++) {
            ModelConfig cfg = ModelShapes.named(names.get(i));
            double ratio = activeTextParams(cfg) / 1e9 / activeBillions.get(i);
            assertTrue(cfg.isMoe());
            assertTrue(ratio > 0.9 && ratio < 1.2, names.get(i) + " activates " + activeTextParams(cfg));
        }
    }

    @Test
    void releasedScheduleAndRotaryAreTheSpecOnes() {
        for (String name : ModelShapes.names()) {
            TextConfig t = ModelShapes.named(name).text();
            assertEquals(64, t.rotaryDim(), name);
            assertEquals(List.of(11, 11, 10), t.rope().mropeSection(), name);
            assertEquals(t.numHiddenLayers() / 4, t.numFullAttentionLayers(), name);
            assertEquals(LayerType.FULL_ATTENTION, t.layerType(t.numHiddenLayers() - 1), name);
        }
    }

    @Test
    void unknownShapeListsTheKnownOnes() {
        String message = assertThrows(ConfigException.class, () -> ModelShapes.named("qwen3.5-7b")).getMessage();
        assertTrue(message.contains("qwen3.5-7b") && message.contains("qwen3.5-0.8b, qwen3.5-2b"), message);
    }

    @Test
    void tinyBuilderKnobs() {
        ModelConfig cfg = ModelShapes.tiny().variant("moe").vocabSize(300).hiddenSize(32).layers(6)
                .fullAttentionInterval(3).attention(8, 4, 16).linearAttention(2, 6, 8, 12)
                .experts(4, 3, 16, 24).tieWordEmbeddings(true).vision(false).eosTokenIds(List.of(299)).build();
        TextConfig t = cfg.text();

        assertEquals(ModelType.QWEN3_5_MOE_TEXT, cfg.modelType());
        assertEquals(List.of(LayerType.LINEAR_ATTENTION, LayerType.LINEAR_ATTENTION, LayerType.FULL_ATTENTION,
                LayerType.LINEAR_ATTENTION, LayerType.LINEAR_ATTENTION, LayerType.FULL_ATTENTION), t.layerTypes());
        assertEquals(4, t.rotaryDim());
        assertEquals(List.of(1, 1, 0), t.rope().mropeSection());
        assertEquals(2 * 2 * 8 + 6 * 12, t.linearConvDim());
        assertEquals(new MoeConfig(4, 3, 16, 24, true, 1, List.of()), t.moe().orElseThrow());
        assertTrue(cfg.tieWordEmbeddings());
        assertFalse(cfg.isMultimodal());
        assertEquals(cfg, ModelConfig.parse(cfg.toJson().toString(), "tiny"));
    }

    @Test
    void tinyBuilderExplicitScheduleWithoutAnInterval() {
        List<LayerType> types = List.of(LayerType.FULL_ATTENTION, LayerType.LINEAR_ATTENTION, LayerType.FULL_ATTENTION);
        ModelConfig cfg = ModelShapes.tiny().layerTypes(types).build();

        assertEquals(types, cfg.text().layerTypes());
        assertFalse(cfg.toJson().get("text_config").has("full_attention_interval"));
        assertEquals(cfg, ModelConfig.parse(cfg.toJson().toString(), "explicit"));
    }

    @Test
    void tinyBuilderRefusesInconsistentKnobsWithValues() {
        String message = assertThrows(ConfigException.class,
                () -> ModelShapes.tiny().linearAttention(3, 4, 16, 16).build()).getMessage();
        assertTrue(message.contains("linear_num_value_heads=4") && message.contains("linear_num_key_heads=3"), message);
    }
}
