package io.sparkinfer.engine.models.qwen35;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.engine.cache.SequenceCache;
import io.sparkinfer.engine.models.qwen35.vision.ImageGrid;
import io.sparkinfer.engine.models.qwen35.vision.ImagePrefill;
import io.sparkinfer.engine.models.qwen35.vision.ImageTokens;
import io.sparkinfer.engine.models.qwen35.vision.MultimodalPositions;
import io.sparkinfer.engine.models.qwen35.vision.VisionTower;
import io.sparkinfer.kernels.api.Tensor;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The image prompt (golden prompt 3) end to end on the reference backend against the float64 oracle: pad
 * expansion, 3-D positions and rope delta, the vision tower feeding the text model's logits, and greedy
 * decoding with the cache at positions index + rope delta.
 */
class Qwen35ImageGoldenTest {
    private static final int IMAGE_PROMPT = 3;

    static List<String> fixtures() {
        return TinyModels.FIXTURES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void expansionPositionsAndRopeDeltaMatchTheGolden(String fixture) {
        Goldens.ImagePrompt golden = Goldens.imagePrompt(fixture, IMAGE_PROMPT);
        int imageToken = TinyVision.tokens(fixture).imageTokenId();
        assertEquals(golden.imageTokenId(), imageToken, "config.json and the golden agree on <|image_pad|>");
        int merge = TinyVision.tower(fixture).config().spatialMergeSize();
        List<ImageGrid> grids = TinyVision.grids(golden.gridThw());

        int[] expanded = ImageTokens.expand(golden.idsBeforeExpansion(), grids, imageToken, merge);
        assertArrayEquals(golden.ids(), expanded);

        MultimodalPositions positions = MultimodalPositions.of(expanded, grids, imageToken, merge);
        int n = expanded.length;
        int[] thw = positions.thw();
        for (int axis = 0; axis < 3; axis++) {
            int[] ours = java.util.Arrays.copyOfRange(thw, axis * n, (axis + 1) * n);
            assertArrayEquals(golden.positionsThw()[axis], ours, "axis " + "thw".charAt(axis));
        }
        assertEquals(golden.ropeDelta(), positions.ropeDelta());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyPositionMatchesTheGoldenLogits(String fixture) {
        Goldens.ImagePrompt golden = Goldens.imagePrompt(fixture, IMAGE_PROMPT);
        Qwen35Model model = TinyModels.model(fixture);
        VisionTower tower = TinyVision.tower(fixture);
        List<ImageGrid> grids = TinyVision.grids(golden.gridThw());
        float[] logits;
        try (Tensor features = tower.forward(TinyVision.flatten(golden.pixelValues(), 1), grids);
                SequenceCache cache = model.newCache()) {
            MultimodalPrefill prefill = ImagePrefill.of(golden.ids(), grids, features, golden.imageTokenId(),
                    tower.config().spatialMergeSize());
            try (Tensor t = model.forward(List.of(new SequenceInput(cache, golden.ids(), prefill)),
                    Qwen35Model.LogitRows.ALL, (name, value) -> { })) {
                logits = model.backend().toFloats(t);
            }
            assertEquals(golden.ropeDelta(), cache.ropeDelta(), "the cache keeps the prompt's rope delta");
        }
        double error = Closeness.relativeError(logits, golden.logits());
        System.out.printf("%s image prompt: max relative logit error %.3e%n", fixture, error);
        assertTrue(error <= Qwen35GoldenTest.LOGIT_TOLERANCE, fixture + ": relative error " + error);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void greedyDecodingWithTheCacheMatchesTheGolden(String fixture) {
        Goldens.ImagePrompt golden = Goldens.imagePrompt(fixture, IMAGE_PROMPT);
        Qwen35Model model = TinyModels.model(fixture);
        VisionTower tower = TinyVision.tower(fixture);
        List<ImageGrid> grids = TinyVision.grids(golden.gridThw());
        int vocab = model.config().vocabSize();
        int[] generated = new int[golden.greedy8().length];
        try (Tensor features = tower.forward(TinyVision.flatten(golden.pixelValues(), 1), grids);
                SequenceCache cache = model.newCache(4)) {
            SequenceInput input = new SequenceInput(cache, golden.ids(), ImagePrefill.of(golden.ids(), grids,
                    features, golden.imageTokenId(), tower.config().spatialMergeSize()));
            for (int i = 0; i < generated.length; i++) {
                try (Tensor logits = model.forward(List.of(input))) {
                    generated[i] = Closeness.argmax(model.backend().toFloats(logits), 0, vocab);
                }
                input = new SequenceInput(cache, new int[] {generated[i]});
            }
        }
        assertArrayEquals(golden.greedy8(), generated, fixture);
    }
}
