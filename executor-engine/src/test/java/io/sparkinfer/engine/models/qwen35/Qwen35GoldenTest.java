package io.sparkinfer.engine.models.qwen35;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.engine.cache.SequenceCache;
import io.sparkinfer.kernels.api.Tensor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The model on the reference backend against the float64 oracle: logits at every position and greedy decoding. */
class Qwen35GoldenTest {
    /** Design target: max |error| / max |golden logit| at most 1e-4. */
    static final double LOGIT_TOLERANCE = 1e-4;

    static Stream<Arguments> textPrompts() {
        return TinyModels.FIXTURES.stream().flatMap(f -> Stream.of(0, 1, 2).map(p -> Arguments.of(f, p)));
    }

    @ParameterizedTest(name = "{0} prompt {1}")
    @MethodSource("textPrompts")
    void everyPositionMatchesTheGoldenLogits(String fixture, int promptIndex) {
        Goldens.Prompt prompt = Goldens.prompt(fixture, promptIndex);
        Qwen35Model model = TinyModels.model(fixture);
        float[] logits = TinyModels.prefillLogits(model, prompt.ids());

        double error = Closeness.relativeError(logits, prompt.logits());
        System.out.printf("%s prompt %d (%d tokens): max relative logit error %.3e%n", fixture, promptIndex,
                prompt.ids().length, error);
        assertTrue(error <= LOGIT_TOLERANCE, fixture + " prompt " + promptIndex + ": relative error " + error);
    }

    @ParameterizedTest(name = "{0} prompt {1}")
    @MethodSource("textPrompts")
    void greedyDecodingWithTheCacheMatchesTheGolden(String fixture, int promptIndex) {
        Goldens.Prompt prompt = Goldens.prompt(fixture, promptIndex);
        Qwen35Model model = TinyModels.model(fixture);
        int vocab = model.config().vocabSize();
        int[] generated = new int[prompt.greedy8().length];
        try (SequenceCache cache = model.newCache(4)) { // small on purpose: decoding must grow it
            int[] next = prompt.ids();
            for (int i = 0; i < generated.length; i++) {
                try (Tensor logits = model.forward(List.of(new SequenceInput(cache, next)))) {
                    generated[i] = Closeness.argmax(model.backend().toFloats(logits), 0, vocab);
                }
                next = new int[] {generated[i]};
            }
            assertEquals(prompt.ids().length + generated.length - 1, cache.length());
        }
        assertArrayEquals(prompt.greedy8(), generated, fixture + " prompt " + promptIndex);
    }
}
