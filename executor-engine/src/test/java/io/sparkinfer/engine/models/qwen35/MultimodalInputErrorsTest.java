package io.sparkinfer.engine.models.qwen35;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.engine.cache.SequenceCache;
import io.sparkinfer.engine.models.qwen35.vision.ImageGrid;
import io.sparkinfer.engine.models.qwen35.vision.VisionTower;
import io.sparkinfer.kernels.api.DType;
import io.sparkinfer.kernels.api.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Multimodal inputs that do not fit are refused with the counts; the rope delta survives a fork. */
class MultimodalInputErrorsTest {
    private static final String FIXTURE = "dense_bf16";

    @Test
    void positionsForAnotherTokenCountAreRefused() {
        Qwen35Model model = TinyModels.model(FIXTURE);
        try (SequenceCache cache = model.newCache();
                Tensor features = model.backend().allocate(DType.F32, 1, model.config().hiddenSize())) {
            MultimodalPrefill prefill = new MultimodalPrefill(new int[9], 0, features, new int[] {1});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SequenceInput(cache, new int[] {1, 2}, prefill));
            assertTrue(e.getMessage().contains("cover 3 tokens but the input has 2"), e.getMessage());
            MultimodalPrefill pastTheEnd = new MultimodalPrefill(new int[6], 0, features, new int[] {2});
            e = assertThrows(IllegalArgumentException.class, () -> new SequenceInput(cache, new int[] {1, 2},
                    pastTheEnd));
            assertTrue(e.getMessage().contains("image row 2 is past the input's 2 tokens"), e.getMessage());
        }
    }

    @Test
    void featureRowsMustMatchThePadCountAndTheHiddenSize() {
        Qwen35Model model = TinyModels.model(FIXTURE);
        try (SequenceCache cache = model.newCache();
                Tensor two = model.backend().allocate(DType.F32, 2, model.config().hiddenSize());
                Tensor narrow = model.backend().allocate(DType.F32, 1, 3)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new MultimodalPrefill(new int[6], 0, two, new int[] {1}));
            assertTrue(e.getMessage().contains("2 rows but the prompt has 1 image pad tokens"), e.getMessage());
            SequenceInput input = new SequenceInput(cache, new int[] {1, 2},
                    new MultimodalPrefill(new int[6], 0, narrow, new int[] {1}));
            e = assertThrows(IllegalArgumentException.class, () -> model.forward(List.of(input)));
            assertTrue(e.getMessage().contains("rows of 3 values but the text model's hidden_size is "
                    + model.config().hiddenSize()), e.getMessage());
            assertEquals(0, cache.length(), "refused before the cache changed");
        }
    }

    @Test
    void pixelValuesThatDoNotFitTheGridsAreRefused() {
        VisionTower tower = TinyVision.tower(FIXTURE);
        int width = tower.config().patchInputSize();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tower.forward(new float[8 * width], List.of(new ImageGrid(1, 2, 2))));
        assertTrue(e.getMessage().contains("expected [4, " + width + "]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> tower.forward(new float[width + 1], List.of(new ImageGrid(1, 2, 2))));
        assertTrue(e.getMessage().contains("not a whole number of " + width + "-value patches"), e.getMessage());
    }

    @Test
    void aForkKeepsTheRopeDelta() {
        Qwen35Model model = TinyModels.model(FIXTURE);
        try (SequenceCache cache = model.newCache()) {
            cache.setRopeDelta(-5);
            try (SequenceCache copy = cache.fork(4)) {
                assertEquals(-5, copy.ropeDelta());
            }
        }
    }
}
