package io.sparkinfer.engine.models.qwen35;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.engine.cache.SequenceCache;
import io.sparkinfer.engine.config.VisionTokenIds;
import io.sparkinfer.engine.models.qwen35.vision.ImageGrid;
import io.sparkinfer.engine.models.qwen35.vision.ImagePrefill;
import io.sparkinfer.engine.models.qwen35.vision.ImageTokens;
import io.sparkinfer.engine.models.qwen35.vision.VisionTower;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two images in one prompt (the golden image twice) with text after them: the tower treats each image on its
 * own, and decoding with the cache (positions index + rope delta) equals a full re-forward of the whole
 * sequence with its 3-D positions computed from scratch.
 */
class Qwen35MultiImageTest {
    private static final int DECODE_STEPS = 5;

    static List<String> fixtures() {
        return TinyModels.FIXTURES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void eachImageOfABatchGetsTheFeaturesItGetsAlone(String fixture) {
        Goldens.ImagePrompt golden = Goldens.imagePrompt(fixture, 3);
        VisionTower tower = TinyVision.tower(fixture);
        List<ImageGrid> one = TinyVision.grids(golden.gridThw());
        float[] alone;
        float[] both;
        try (Tensor a = tower.forward(TinyVision.flatten(golden.pixelValues(), 1), one);
                Tensor b = tower.forward(TinyVision.flatten(golden.pixelValues(), 2), List.of(one.get(0), one.get(0)))) {
            alone = tower.backend().toFloats(a);
            both = tower.backend().toFloats(b);
        }
        assertEquals(2 * alone.length, both.length);
        assertArrayEquals(alone, Arrays.copyOfRange(both, 0, alone.length), "first image");
        assertArrayEquals(alone, Arrays.copyOfRange(both, alone.length, both.length), "second image");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void decodingWithTheCacheEqualsAFullReforward(String fixture) {
        Goldens.ImagePrompt golden = Goldens.imagePrompt(fixture, 3);
        Qwen35Model model = TinyModels.model(fixture);
        VisionTower tower = TinyVision.tower(fixture);
        VisionTokenIds t = TinyVision.tokens(fixture);
        int pad = t.imageTokenId();
        int merge = tower.config().spatialMergeSize();
        ImageGrid grid = TinyVision.grids(golden.gridThw()).get(0);
        List<ImageGrid> grids = List.of(grid, grid);
        int start = t.visionStartTokenId();
        int end = t.visionEndTokenId();
        int[] prompt = ImageTokens.expand(new int[] {481, 5, 6, start, pad, end, 9, start, pad, end, 7, 8, 482, 10},
                grids, pad, merge);
        int vocab = model.config().vocabSize();

        try (Tensor features = tower.forward(TinyVision.flatten(golden.pixelValues(), 2), grids)) {
            int[] sequence = Arrays.copyOf(prompt, prompt.length + DECODE_STEPS);
            float[] lastDecoded;
            try (SequenceCache cache = model.newCache(8)) {
                SequenceInput input = new SequenceInput(cache, prompt,
                        ImagePrefill.of(prompt, grids, features, pad, merge));
                float[] logits = null;
                for (int step = 0; step <= DECODE_STEPS; step++) {
                    try (Tensor out = model.forward(List.of(input))) {
                        logits = model.backend().toFloats(out);
                    }
                    if (step < DECODE_STEPS) {
                        int next = Closeness.argmax(logits, 0, vocab);
                        sequence[prompt.length + step] = next;
                        input = new SequenceInput(cache, new int[] {next});
                    }
                }
                lastDecoded = logits;
                // Text positions continue from the image: 2 images of max(2, 3) = 3 positions for 6 tokens each.
                assertEquals(-6, cache.ropeDelta());
            }
            float[] reforward;
            try (SequenceCache cache = model.newCache()) {
                // Every token the decode loop fed: the prompt and the DECODE_STEPS generated ones.
                try (Tensor out = model.forward(List.of(new SequenceInput(cache, sequence,
                        ImagePrefill.of(sequence, grids, features, pad, merge))))) {
                    reforward = model.backend().toFloats(out);
                }
            }
            double error = Closeness.relativeError(lastDecoded, reforward);
            System.out.printf("%s two images, %d decode steps: cached vs full re-forward %.3e%n", fixture,
                    DECODE_STEPS, error);
            assertTrue(error <= 1e-5, fixture + ": relative error " + error);
        }
    }
}
