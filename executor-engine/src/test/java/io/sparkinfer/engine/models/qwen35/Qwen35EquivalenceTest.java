package io.sparkinfer.engine.models.qwen35;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.engine.cache.SequenceCache;
import io.sparkinfer.kernels.api.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Ways of feeding the same tokens that must agree: a prefill split in two calls, token-by-token decoding
 * (recurrent delta rule, one cache row at a time) and a batch of sequences of different lengths packed in
 * one forward. Prompt 2 (70 tokens) crosses the 64-token delta-rule chunk.
 */
class Qwen35EquivalenceTest {
    /** Chunked and recurrent delta rules differ by f32 rounding only. */
    static final double ROUNDING = 1e-5;
    static final List<String> FIXTURES = TinyModels.FIXTURES;

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void prefillSplitInTwoCallsEqualsOneCall(String fixture) {
        Qwen35Model model = TinyModels.model(fixture);
        int[] ids = Goldens.prompt(fixture, 2).ids();
        float[] oneShot = TinyModels.prefillLogits(model, ids);
        for (int split : new int[] {1, 13, 66}) {
            float[] parts;
            try (SequenceCache cache = model.newCache(8)) {
                float[] first = TinyModels.allLogits(model, cache, Arrays.copyOfRange(ids, 0, split));
                float[] second = TinyModels.allLogits(model, cache, Arrays.copyOfRange(ids, split, ids.length));
                parts = concat(first, second);
                assertEquals(ids.length, cache.length());
            }
            double error = Closeness.relativeError(parts, oneShot);
            System.out.printf("%s split at %d: relative difference %.3e%n", fixture, split, error);
            assertTrue(error <= ROUNDING, fixture + " split at " + split + ": " + error);
        }
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void tokenByTokenEqualsOnePrefill(String fixture) {
        Qwen35Model model = TinyModels.model(fixture);
        int[] ids = Goldens.prompt(fixture, 2).ids();
        float[] oneShot = TinyModels.prefillLogits(model, ids);
        float[] stepwise = new float[0];
        try (SequenceCache cache = model.newCache(1)) {
            for (int id : ids) {
                stepwise = concat(stepwise, TinyModels.allLogits(model, cache, new int[] {id}));
            }
        }
        double error = Closeness.relativeError(stepwise, oneShot);
        System.out.printf("%s token by token: relative difference %.3e%n", fixture, error);
        assertTrue(error <= ROUNDING, fixture + ": " + error);
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void aBatchOfDifferentLengthsEqualsEachSequenceAlone(String fixture) {
        Qwen35Model model = TinyModels.model(fixture);
        int[] long70 = Goldens.prompt(fixture, 2).ids();
        List<int[]> prompts = List.of(Goldens.prompt(fixture, 0).ids(), Goldens.prompt(fixture, 1).ids(), long70,
                Arrays.copyOfRange(long70, 5, 9));
        int vocab = model.config().vocabSize();

        List<SequenceCache> caches = new ArrayList<>();
        List<SequenceInput> inputs = new ArrayList<>();
        for (int[] p : prompts) {
            SequenceCache cache = model.newCache();
            caches.add(cache);
            inputs.add(new SequenceInput(cache, p));
        }
        try {
            float[] batched;
            try (Tensor logits = model.forward(inputs, Qwen35Model.LogitRows.ALL, (n, v) -> { })) {
                batched = model.backend().toFloats(logits);
            }
            // then one decode step for all of them together, continuing every cache
            int[] next = {7, 300, 42, 99};
            List<SequenceInput> step = new ArrayList<>();
            for (int s = 0; s < caches.size(); s++) {
                step.add(new SequenceInput(caches.get(s), new int[] {next[s]}));
            }
            float[] batchedStep;
            try (Tensor logits = model.forward(step)) {
                batchedStep = model.backend().toFloats(logits);
            }

            int row = 0;
            for (int s = 0; s < prompts.size(); s++) {
                int[] p = prompts.get(s);
                // rows are computed independently of their neighbours: bit-identical
                assertArrayEquals(TinyModels.prefillLogits(model, p),
                        Arrays.copyOfRange(batched, row * vocab, (row + p.length) * vocab),
                        fixture + " sequence " + s + " prefill rows");
                float[] alone = TinyModels.prefillLogits(model, concat(p, next[s]));
                float[] aloneLast = Arrays.copyOfRange(alone, p.length * vocab, (p.length + 1) * vocab);
                float[] oursLast = Arrays.copyOfRange(batchedStep, s * vocab, (s + 1) * vocab);
                double error = Closeness.relativeError(oursLast, aloneLast);
                assertTrue(error <= ROUNDING, fixture + " sequence " + s + " decode step: " + error);
                row += p.length;
            }
        } finally {
            caches.forEach(SequenceCache::close);
        }
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int[] concat(int[] a, int last) {
        int[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = last;
        return out;
    }
}
