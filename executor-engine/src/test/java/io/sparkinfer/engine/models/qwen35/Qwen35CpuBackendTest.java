package io.sparkinfer.engine.models.qwen35;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.engine.cache.SequenceCache;
import io.sparkinfer.kernels.api.Tensor;
import io.sparkinfer.kernels.cpu.CpuBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The model on the Vector API CPU backend (two threads, as on the CI machine): the float64 goldens, and a batch
 * of sequences of different lengths bit-identical to each sequence alone (its kernels sum every output element
 * in the same order whatever the batch).
 */
class Qwen35CpuBackendTest {
    private static final CpuBackend CPU = new CpuBackend(2);
    private static final Map<String, Qwen35Model> MODELS = new ConcurrentHashMap<>();

    private static Qwen35Model model(String fixture) {
        return MODELS.computeIfAbsent(fixture, f -> TinyModels.loadFixture(f, CPU));
    }

    @AfterAll
    static void closeBackend() {
        CPU.close();
    }

    static Stream<Arguments> textPrompts() {
        return TinyModels.FIXTURES.stream().flatMap(f -> Stream.of(0, 1, 2).map(p -> Arguments.of(f, p)));
    }

    @ParameterizedTest(name = "{0} prompt {1}")
    @MethodSource("textPrompts")
    void goldenLogitsAndGreedyTokens(String fixture, int promptIndex) {
        Goldens.Prompt prompt = Goldens.prompt(fixture, promptIndex);
        Qwen35Model model = model(fixture);

        double error = Closeness.relativeError(TinyModels.prefillLogits(model, prompt.ids()), prompt.logits());
        System.out.printf("cpu %s prompt %d: max relative logit error %.3e%n", fixture, promptIndex, error);
        assertTrue(error <= Qwen35GoldenTest.LOGIT_TOLERANCE, fixture + " prompt " + promptIndex + ": " + error);

        int vocab = model.config().vocabSize();
        int[] generated = new int[prompt.greedy8().length];
        try (SequenceCache cache = model.newCache(4)) {
            int[] next = prompt.ids();
            for (int i = 0; i < generated.length; i++) {
                try (Tensor logits = model.forward(List.of(new SequenceInput(cache, next)))) {
                    generated[i] = Closeness.argmax(model.backend().toFloats(logits), 0, vocab);
                }
                next = new int[] {generated[i]};
            }
        }
        assertArrayEquals(prompt.greedy8(), generated, fixture + " prompt " + promptIndex);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dense_bf16", "moe_bf16"})
    void aBatchOfDifferentLengthsIsBitIdenticalToEachSequenceAlone(String fixture) {
        Qwen35Model model = model(fixture);
        List<int[]> prompts = new ArrayList<>();
        int[] next = new int[Qwen35BatchEquivalenceTest.LENGTHS.length];
        for (int s = 0; s < next.length; s++) {
            prompts.add(TinyModels.randomIds(model, Qwen35BatchEquivalenceTest.LENGTHS[s], 100 + s));
            next[s] = TinyModels.randomIds(model, 1, 200 + s)[0];
        }
        Qwen35BatchEquivalenceTest.compareBatchWithAlone(model, prompts, next, "cpu " + fixture);
        assertEquals("cpu", model.backend().name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dense_bf16", "moe_bf16"})
    void oneForwardMixingDecodeStepsAndPrefillsEqualsThemApart(String fixture) {
        Qwen35Model model = model(fixture);
        int vocab = model.config().vocabSize();
        int[] promptA = TinyModels.randomIds(model, 30, 1);
        int[] promptB = TinyModels.randomIds(model, 70, 2);
        int[] newC = TinyModels.randomIds(model, 9, 3);
        int nextA = 5;
        int nextB = 7;
        try (SequenceCache a = model.newCache(); SequenceCache b = model.newCache(); SequenceCache c = model.newCache();
             SequenceCache a2 = model.newCache(); SequenceCache b2 = model.newCache(); SequenceCache c2 = model.newCache()) {
            // A and B are mid-generation (decode one token each) while C arrives with its prompt.
            TinyModels.allLogits(model, a, promptA);
            TinyModels.allLogits(model, b, promptB);
            float[] mixed;
            try (Tensor logits = model.forward(List.of(new SequenceInput(a, new int[] {nextA}),
                    new SequenceInput(c, newC), new SequenceInput(b, new int[] {nextB})),
                    Qwen35Model.LogitRows.ALL, (n, v) -> { })) {
                mixed = model.backend().toFloats(logits);
            }
            TinyModels.allLogits(model, a2, promptA);
            TinyModels.allLogits(model, b2, promptB);
            float[] aAlone = TinyModels.allLogits(model, a2, new int[] {nextA});
            float[] cAlone = TinyModels.allLogits(model, c2, newC);
            float[] bAlone = TinyModels.allLogits(model, b2, new int[] {nextB});

            assertArrayEquals(aAlone, java.util.Arrays.copyOfRange(mixed, 0, vocab), "decode step of A");
            assertArrayEquals(cAlone, java.util.Arrays.copyOfRange(mixed, vocab, (1 + newC.length) * vocab), "prefill of C");
            assertArrayEquals(bAlone, java.util.Arrays.copyOfRange(mixed, (1 + newC.length) * vocab,
                    (2 + newC.length) * vocab), "decode step of B");
            assertEquals(31, a.length());
            assertEquals(9, c.length());
        }
    }
}
