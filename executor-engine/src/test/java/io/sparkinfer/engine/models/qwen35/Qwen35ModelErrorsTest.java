package io.sparkinfer.engine.models.qwen35;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.engine.cache.CacheShape;
import io.sparkinfer.engine.cache.SequenceCache;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Misuse of forward fails before any cache changes, with a message that says what to do. */
class Qwen35ModelErrorsTest {

    @Test
    void aCacheFromAnotherModelIsRefused() {
        Qwen35Model dense = TinyModels.model("dense_bf16");
        CacheShape shape = CacheShape.of(dense.config());
        // a model with only the first 4 layers
        CacheShape foreign = new CacheShape(shape.layerTypes().subList(0, 4), shape.kvWidth(),
                shape.convKernel(), shape.convDim(), shape.valueHeads(), shape.keyHeadDim(), shape.valueHeadDim());
        try (SequenceCache cache = new SequenceCache(dense.backend(), foreign, 4)) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> dense.forward(List.of(new SequenceInput(cache, new int[] {1}))));
            assertTrue(e.getMessage().contains("newCache()"), e.getMessage());
        }
    }

    @Test
    void theSameCacheTwiceInOneBatchIsRefused() {
        Qwen35Model model = TinyModels.model("dense_bf16");
        try (SequenceCache cache = model.newCache()) {
            var e = assertThrows(IllegalArgumentException.class, () -> model.forward(List.of(
                    new SequenceInput(cache, new int[] {1}), new SequenceInput(cache, new int[] {2}))));
            assertTrue(e.getMessage().contains("input 1 reuses the cache"), e.getMessage());
            assertEquals(0, cache.length());
        }
    }

    @Test
    void anIdOutsideTheVocabularyNamesTheIdAndTheRange() {
        Qwen35Model model = TinyModels.model("dense_bf16");
        int vocab = model.config().vocabSize();
        try (SequenceCache cache = model.newCache()) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> model.forward(List.of(new SequenceInput(cache, new int[] {3, vocab}))));
            assertTrue(e.getMessage().contains("token id " + vocab + " at index 1"), e.getMessage());
            assertEquals(0, cache.length());
        }
    }

    @Test
    void anEmptyInputIsRefused() {
        Qwen35Model model = TinyModels.model("dense_bf16");
        try (SequenceCache cache = model.newCache()) {
            assertThrows(IllegalArgumentException.class, () -> new SequenceInput(cache, new int[0]));
            assertThrows(IllegalArgumentException.class, () -> model.forward(List.of()));
        }
    }
}
