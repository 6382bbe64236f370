package io.sparkinfer.engine.models.qwen35;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.sparkinfer.engine.cache.SequenceCache;
import io.sparkinfer.engine.models.qwen35.vision.ImageGrid;
import io.sparkinfer.engine.models.qwen35.vision.ImagePrefill;
import io.sparkinfer.engine.models.qwen35.vision.VisionTower;
import io.sparkinfer.kernels.api.Tensor;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An image prompt packed behind a text sequence (so its rows start at a non-zero offset of the batch), then
 * decoded side by side with it, gives bit-identical logits to the image prompt alone.
 */
class Qwen35ImageBatchTest {

    static List<String> fixtures() {
        return TinyModels.FIXTURES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void anImagePromptBehindATextPromptMatchesItAlone(String fixture) {
        Goldens.ImagePrompt golden = Goldens.imagePrompt(fixture, 3);
        Qwen35Model model = TinyModels.model(fixture);
        VisionTower tower = TinyVision.tower(fixture);
        List<ImageGrid> grids = TinyVision.grids(golden.gridThw());
        int merge = tower.config().spatialMergeSize();
        int[] text = {481, 11, 12, 13, 482};
        try (Tensor features = tower.forward(TinyVision.flatten(golden.pixelValues(), 1), grids)) {
            MultimodalPrefill prefill = ImagePrefill.of(golden.ids(), grids, features, golden.imageTokenId(), merge);
            float[][] alone = new float[2][];
            try (SequenceCache cache = model.newCache()) {
                alone[0] = forward(model, List.of(new SequenceInput(cache, golden.ids(), prefill)));
                alone[1] = forward(model, List.of(new SequenceInput(cache, new int[] {17})));
            }
            float[][] batched = new float[2][];
            try (SequenceCache textCache = model.newCache(); SequenceCache imageCache = model.newCache()) {
                batched[0] = forward(model, List.of(new SequenceInput(textCache, text),
                        new SequenceInput(imageCache, golden.ids(), prefill)));
                batched[1] = forward(model, List.of(new SequenceInput(textCache, new int[] {3}),
                        new SequenceInput(imageCache, new int[] {17})));
            }
            int vocab = model.config().vocabSize();
            for (int step = 0; step < 2; step++) {
                assertArrayEquals(alone[step], java.util.Arrays.copyOfRange(batched[step], vocab, 2 * vocab),
                        fixture + " step " + step);
            }
        }
    }

    private static float[] forward(Qwen35Model model, List<SequenceInput> inputs) {
        try (Tensor logits = model.forward(inputs)) {
            return model.backend().toFloats(logits);
        }
    }
}
