package io.sparkinfer.engine.config;

import static io.sparkinfer.engine.config.LayerType.FULL_ATTENTION;
import static io.sparkinfer.engine.config.LayerType.LINEAR_ATTENTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelConfigFixtureTest {

    private static final List<LayerType> FIXTURE_SCHEDULE = List.of(LINEAR_ATTENTION, LINEAR_ATTENTION,
            LINEAR_ATTENTION, FULL_ATTENTION, LINEAR_ATTENTION, LINEAR_ATTENTION, LINEAR_ATTENTION, FULL_ATTENTION);

    @Test
    void denseFixtureParses() {
        ModelConfig cfg = ModelConfig.load(Fixtures.DENSE);
        TextConfig t = cfg.text();

        assertEquals(ModelType.QWEN3_5, cfg.modelType());
        assertFalse(cfg.isMoe());
        assertTrue(cfg.isMultimodal());
        assertFalse(cfg.tieWordEmbeddings());
        assertEquals(List.of(480), cfg.eosTokenIds());
        assertEquals(new VisionTokenIds(492, 493, 489, 490), cfg.visionTokens().orElseThrow());

        assertEquals(512, t.vocabSize());
        assertEquals(64, t.hiddenSize());
        assertEquals(8, t.numHiddenLayers());
        assertEquals(FIXTURE_SCHEDULE, t.layerTypes());
        assertEquals(2, t.numFullAttentionLayers());
        assertEquals(4, t.numAttentionHeads());
        assertEquals(2, t.numKeyValueHeads());
        assertEquals(64, t.headDim());
        assertFalse(t.attentionBias());
        assertTrue(t.attnOutputGate());
        assertEquals(1e-6, t.rmsNormEps());
        assertEquals("silu", t.hiddenAct());
        assertEquals(128, t.intermediateSize().orElseThrow());
        assertEquals(2, t.linearNumKeyHeads());
        assertEquals(4, t.linearNumValueHeads());
        assertEquals(16, t.linearKeyHeadDim());
        assertEquals(16, t.linearValueHeadDim());
        assertEquals(4, t.linearConvKernelDim());
        assertEquals(128, t.linearConvDim());
        assertEquals(262_144, t.maxPositionEmbeddings());
        assertEquals(1, t.mtpNumHiddenLayers());
        assertTrue(t.moe().isEmpty());

        assertEquals("default", t.rope().ropeType());
        assertEquals(1e7, t.rope().ropeTheta());
        assertEquals(0.25, t.rope().partialRotaryFactor());
        assertEquals(List.of(3, 3, 2), t.rope().mropeSection());
        assertTrue(t.rope().mropeInterleaved());
        assertEquals(16, t.rotaryDim());
    }

    @Test
    void denseFixtureVisionFields() {
        VisionConfig v = ModelConfig.load(Fixtures.DENSE).vision().orElseThrow();

        assertEquals(2, v.depth());
        assertEquals(48, v.hiddenSize());
        assertEquals(3, v.numHeads());
        assertEquals(16, v.headDim());
        assertEquals(96, v.intermediateSize());
        assertEquals("gelu_pytorch_tanh", v.hiddenAct());
        assertEquals(3, v.inChannels());
        assertEquals(16, v.patchSize());
        assertEquals(2, v.temporalPatchSize());
        assertEquals(2, v.spatialMergeSize());
        assertEquals(64, v.numPositionEmbeddings());
        assertEquals(8, v.positionGridSide());
        assertEquals(64, v.outHiddenSize());
        assertEquals(List.of(), v.deepstackVisualIndexes());
        assertEquals(1536, v.patchInputSize());
        assertEquals(192, v.mergedHiddenSize());
        assertEquals(10_000.0, v.ropeTheta());
    }

    @Test
    void moeFixtureParses() {
        ModelConfig cfg = ModelConfig.load(Fixtures.MOE);
        TextConfig t = cfg.text();
        MoeConfig moe = t.moe().orElseThrow();

        assertEquals(ModelType.QWEN3_5_MOE, cfg.modelType());
        assertTrue(cfg.isMoe());
        assertTrue(t.isMoe());
        assertTrue(cfg.isMultimodal());
        assertEquals(FIXTURE_SCHEDULE, t.layerTypes());
        assertTrue(t.intermediateSize().isEmpty());
        assertEquals(0, t.mtpNumHiddenLayers());
        assertEquals(8, moe.numExperts());
        assertEquals(2, moe.numExpertsPerTok());
        assertEquals(32, moe.moeIntermediateSize());
        assertEquals(48, moe.sharedExpertIntermediateSize());
        assertTrue(moe.normTopkProb());
        assertEquals(1, moe.decoderSparseStep());
        assertEquals(List.of(), moe.mlpOnlyLayers());
        assertEquals(16, t.rotaryDim());
        assertEquals(List.of(3, 3, 2), t.rope().mropeSection());
        assertEquals(48, cfg.vision().orElseThrow().hiddenSize());
    }

    @Test
    void tinyBuilderDefaultsReproduceTheFixtures() {
        assertEquals(ModelConfig.load(Fixtures.DENSE), ModelShapes.tiny().build());
        assertEquals(ModelConfig.load(Fixtures.MOE), ModelShapes.tiny().variant("moe").mtpLayers(0).build());
    }

    @Test
    void writerOutputParsesBackToTheFixture() {
        for (var dir : List.of(Fixtures.DENSE, Fixtures.MOE)) {
            ModelConfig cfg = ModelConfig.load(dir);
            assertEquals(cfg, ModelConfig.parse(cfg.toJson().toString(), "written " + dir));
        }
    }
}
