package io.sparkinfer.engine.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TensorSchemaTest {

    private static final String MM = TensorSchema.MULTIMODAL_TEXT_PREFIX;

    private static Map<String, long[]> shapesOf(List<ExpectedTensor> tensors) {
        Map<String, long[]> shapes = new HashMap<>();
        tensors.forEach(t -> shapes.put(t.name(), t.shape()));
        return shapes;
    }

    /** Tensor count from spec section 9: DeltaNet layer 9 mixer + 2 norms, attention 6 + 2, plus the MLP. */
    private static int textTensorCount(TextConfig t, boolean tied, int mlpTensorsPerLayer) {
        int full = t.numFullAttentionLayers();
        int linear = t.numHiddenLayers() - full;
        return linear * (11 + mlpTensorsPerLayer) + full * (8 + mlpTensorsPerLayer) + 2 + (tied ? 0 : 1);
    }

    private static int visionTensorCount(VisionConfig v) {
        return v.depth() * 12 + 3 + 6;
    }

    @Test
    void denseFixtureHeaderMatchesEveryExpectedTensor() {
        ModelConfig cfg = ModelConfig.load(Fixtures.DENSE);
        Map<String, long[]> shapes = Fixtures.tensorShapes(Fixtures.DENSE);

        TensorLayout layout = TensorSchema.validate(cfg, shapes, "dense fixture");

        int text = textTensorCount(cfg.text(), false, 3);
        int vision = visionTensorCount(cfg.vision().orElseThrow());
        assertEquals(109, text);
        assertEquals(33, vision);
        assertEquals(text + vision, layout.checked().size());
        assertEquals(MM, layout.textPrefix());
        assertTrue(layout.hasVision());
        assertFalse(layout.fusedExperts());
        assertFalse(layout.tiedEmbeddings());
        assertEquals(List.of(), layout.unexpected());
        assertEquals(15, layout.ignored().size());
        assertTrue(layout.ignored().stream().allMatch(n -> n.startsWith("mtp.")));
        assertEquals(shapes.size(), layout.checked().size() + layout.ignored().size());
        assertEquals(List.of(), layout.notes());
    }

    @Test
    void moeFixtureHeaderMatchesWithFusedExperts() {
        ModelConfig cfg = ModelConfig.load(Fixtures.MOE);
        Map<String, long[]> shapes = Fixtures.tensorShapes(Fixtures.MOE);

        TensorLayout layout = TensorSchema.validate(cfg, shapes, "moe fixture");

        // router + fused gate_up + fused down + 3 shared-expert projections + shared gate
        int expected = textTensorCount(cfg.text(), false, 7) + visionTensorCount(cfg.vision().orElseThrow());
        assertEquals(174, expected);
        assertEquals(expected, layout.checked().size());
        assertEquals(shapes.size(), layout.checked().size());
        assertTrue(layout.fusedExperts());
        assertTrue(layout.hasVision());
        assertEquals(List.of(), layout.ignored());
        assertEquals(List.of(), layout.unexpected());
    }

    @Test
    void mutatedShapeGivesOneErrorWithBothShapesAndTheirOrigin() {
        Map<String, long[]> shapes = Fixtures.tensorShapes(Fixtures.DENSE);
        String name = MM + "layers.3.self_attn.q_proj.weight";
        shapes.put(name, new long[] {256, 64});

        String message = assertThrows(ConfigException.class,
                () -> TensorSchema.validate(ModelConfig.load(Fixtures.DENSE), shapes, "model.safetensors"))
                .getMessage();

        assertTrue(message.startsWith("tensor " + name + " has shape [256, 64] in model.safetensors but config.json"
                + " implies [512, 64] (2 * num_attention_heads=4 * head_dim=64, hidden_size=64); the config does"
                + " not match the weights"), message);
    }

    @Test
    void deltaNetShapeErrorExplainsTheConvWidth() {
        Map<String, long[]> shapes = Fixtures.tensorShapes(Fixtures.DENSE);
        shapes.put(MM + "layers.0.linear_attn.conv1d.weight", new long[] {96, 1, 4});
        shapes.put(MM + "layers.1.linear_attn.A_log", new long[] {8});

        String message = assertThrows(ConfigException.class,
                () -> TensorSchema.validate(ModelConfig.load(Fixtures.DENSE), shapes, "ckpt")).getMessage();

        assertTrue(message.contains("[96, 1, 4]") && message.contains("[128, 1, 4]"), message);
        assertTrue(message.contains("(2 * linear_num_key_heads=2 * linear_key_head_dim=16 + linear_num_value_heads=4"
                + " * linear_value_head_dim=16, 1, linear_conv_kernel_dim=4)"), message);
        assertTrue(message.contains("and 1 more"), message);
    }

    @Test
    void missingTensorIsNamedWithThePrefixFound() {
        Map<String, long[]> shapes = Fixtures.tensorShapes(Fixtures.DENSE);
        String name = MM + "layers.5.linear_attn.dt_bias";
        shapes.remove(name);

        String message = assertThrows(ConfigException.class,
                () -> TensorSchema.validate(ModelConfig.load(Fixtures.DENSE), shapes, "ckpt")).getMessage();

        assertTrue(message.startsWith("tensor " + name + " is missing from ckpt"), message);
        assertTrue(message.contains("\"" + MM + "\"") && message.contains("[4]"), message);
    }

    @Test
    void untiedModelNeedsLmHead() {
        Map<String, long[]> shapes = Fixtures.tensorShapes(Fixtures.DENSE);
        shapes.remove("lm_head.weight");

        String message = assertThrows(ConfigException.class,
                () -> TensorSchema.validate(ModelConfig.load(Fixtures.DENSE), shapes, "ckpt")).getMessage();

        assertTrue(message.startsWith("tensor lm_head.weight is missing"), message);
    }

    @Test
    void perExpertNamesAreAccepted() {
        ModelConfig cfg = ModelConfig.load(Fixtures.MOE);
        Map<String, long[]> shapes = Fixtures.tensorShapes(Fixtures.MOE);
        shapes.keySet().removeIf(n -> n.endsWith("experts.gate_up_proj") || n.endsWith("experts.down_proj"));
        for (int layer = 0; layer < 8; layer++) {
            for (int e = 0; e < 8; e++) {
                String p = MM + "layers." + layer + ".mlp.experts." + e + ".";
                shapes.put(p + "gate_proj.weight", new long[] {32, 64});
                shapes.put(p + "up_proj.weight", new long[] {32, 64});
                shapes.put(p + "down_proj.weight", new long[] {64, 32});
            }
        }

        TensorLayout layout = TensorSchema.validate(cfg, shapes, "per-expert");

        assertFalse(layout.fusedExperts());
        assertEquals(shapes.size(), layout.checked().size());
        assertEquals(TensorSchema.expected(cfg, MM, false), layout.checked());
    }

    @Test
    void tiedModelNeedsNoLmHeadButAcceptsOne() {
        ModelConfig tied = ModelShapes.tiny().tieWordEmbeddings(true).build();
        Map<String, long[]> shapes = shapesOf(TensorSchema.expected(tied, MM, true));
        assertFalse(shapes.containsKey("lm_head.weight"));

        TensorLayout without = TensorSchema.validate(tied, shapes, "tied");
        shapes.put("lm_head.weight", new long[] {512, 64});
        TensorLayout with = TensorSchema.validate(tied, shapes, "tied");
        shapes.put("lm_head.weight", new long[] {64, 512});
        String message = assertThrows(ConfigException.class, () -> TensorSchema.validate(tied, shapes, "tied"))
                .getMessage();

        assertTrue(without.tiedEmbeddings());
        assertEquals(without.checked().size() + 1, with.checked().size());
        assertEquals(1, with.notes().size());
        assertTrue(message.contains("[64, 512]") && message.contains("[512, 64]"), message);
    }

    @Test
    void textOnlyExportUsesTheShortPrefix() {
        ModelConfig textOnly = ModelShapes.tiny().vision(false).variant("moe").build();
        Map<String, long[]> shapes = shapesOf(TensorSchema.expected(textOnly, TensorSchema.TEXT_ONLY_PREFIX, true));

        TensorLayout layout = TensorSchema.validate(textOnly, shapes, "text-only");

        assertEquals("model.", layout.textPrefix());
        assertFalse(layout.hasVision());
        assertTrue(layout.checked().stream().allMatch(t -> t.name().startsWith("model.layers.")
                || t.name().equals("model.embed_tokens.weight") || t.name().equals("model.norm.weight")
                || t.name().equals("lm_head.weight")));
    }

    @Test
    void multimodalConfigMayLoadTextOnlyCheckpoint() {
        ModelConfig cfg = ModelConfig.load(Fixtures.DENSE);
        Map<String, long[]> shapes = Fixtures.tensorShapes(Fixtures.DENSE);
        shapes.keySet().removeIf(n -> n.startsWith("model.visual."));

        TensorLayout layout = TensorSchema.validate(cfg, shapes, "no-vision");

        assertFalse(layout.hasVision());
        assertEquals(textTensorCount(cfg.text(), false, 3), layout.checked().size());
        assertEquals(1, layout.notes().size());
        assertTrue(layout.notes().get(0).contains("model.visual."), layout.notes().get(0));
    }

    @Test
    void unexpectedTensorsAreListedNotRefused() {
        Map<String, long[]> shapes = Fixtures.tensorShapes(Fixtures.DENSE);
        shapes.put(MM + "layers.3.self_attn.rotary_emb.inv_freq", new long[] {8});

        TensorLayout layout = TensorSchema.validate(ModelConfig.load(Fixtures.DENSE), shapes, "extra");

        assertEquals(List.of(MM + "layers.3.self_attn.rotary_emb.inv_freq"), layout.unexpected());
    }

    @Test
    void checkpointWithoutLanguageModelIsRefused() {
        Map<String, long[]> shapes = Map.of("encoder.weight", new long[] {1});
        String message = assertThrows(ConfigException.class,
                () -> TensorSchema.validate(ModelConfig.load(Fixtures.DENSE), shapes, "odd.safetensors")).getMessage();
        assertTrue(message.contains("odd.safetensors") && message.contains(MM), message);
    }

    @Test
    void attentionBiasAddsBiasTensors() {
        ModelConfig biased = ModelShapes.tiny().attentionBias(true).vision(false).build();
        List<ExpectedTensor> tensors = TensorSchema.expected(biased, "model.", false);
        ExpectedTensor qBias = tensors.stream().filter(t -> t.name().equals("model.layers.3.self_attn.q_proj.bias"))
                .findFirst().orElseThrow();
        assertArrayEquals(new long[] {512}, qBias.shape());
        // q, k, v and o biases in each of the 2 full-attention layers
        assertEquals(4L * biased.text().numFullAttentionLayers(),
                tensors.stream().filter(t -> t.name().endsWith("_proj.bias")).count());
    }

    @Test
    void spec27bCountsAndShapes() {
        ModelConfig cfg = ModelShapes.named("qwen3.5-27b");
        List<ExpectedTensor> all = TensorSchema.expected(cfg, MM, true);
        Map<String, long[]> shapes = shapesOf(all);

        assertEquals(851, all.stream().filter(t -> !t.name().startsWith("model.visual.")).count());
        assertEquals(333, all.stream().filter(t -> t.name().startsWith("model.visual.")).count());
        String dn = MM + "layers.0.linear_attn.";
        String attn = MM + "layers.3.self_attn.";
        assertArrayEquals(new long[] {10240, 5120}, shapes.get(dn + "in_proj_qkv.weight"));
        assertArrayEquals(new long[] {6144, 5120}, shapes.get(dn + "in_proj_z.weight"));
        assertArrayEquals(new long[] {48, 5120}, shapes.get(dn + "in_proj_a.weight"));
        assertArrayEquals(new long[] {10240, 1, 4}, shapes.get(dn + "conv1d.weight"));
        assertArrayEquals(new long[] {12288, 5120}, shapes.get(attn + "q_proj.weight"));
        assertArrayEquals(new long[] {1024, 5120}, shapes.get(attn + "v_proj.weight"));
        assertArrayEquals(new long[] {5120, 6144}, shapes.get(attn + "o_proj.weight"));
        assertArrayEquals(new long[] {1152, 3, 2, 16, 16}, shapes.get("model.visual.patch_embed.proj.weight"));
        assertArrayEquals(new long[] {5120, 4608}, shapes.get("model.visual.merger.linear_fc2.weight"));
    }
}
