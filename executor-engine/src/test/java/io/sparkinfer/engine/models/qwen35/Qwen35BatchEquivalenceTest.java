package io.sparkinfer.engine.models.qwen35;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.sparkinfer.engine.cache.SequenceCache;
import io.sparkinfer.engine.layers.DeltaRuleForm;
import io.sparkinfer.kernels.api.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Sequences of different lengths packed into one forward compute exactly what each computes alone, prefill
 * and the decode step after it, in both delta-rule forms. Bit-identical: row-wise layers treat every row
 * alike, and attention, conv and the delta rule run per sequence with chunks starting at its own first token.
 */
class Qwen35BatchEquivalenceTest {
    /** One token, a few, exactly one chunk, one past it, and two chunks and a ragged one. */
    static final int[] LENGTHS = {1, 7, 64, 65, 150};
    static final List<String> MODELS = TinyModels.ALL;

    @ParameterizedTest
    @FieldSource("MODELS")
    void aBatchOfDifferentLengthsEqualsEachSequenceAlone(String name) {
        Qwen35Model chunked = TinyModels.model(name);
        for (Qwen35Model model : List.of(chunked, chunked.withDeltaRuleForm(DeltaRuleForm.recurrent()))) {
            List<int[]> prompts = new ArrayList<>();
            int[] next = new int[LENGTHS.length];
            for (int s = 0; s < LENGTHS.length; s++) {
                prompts.add(TinyModels.randomIds(model, LENGTHS[s], 100 + s));
                next[s] = TinyModels.randomIds(model, 1, 200 + s)[0];
            }
            compareBatchWithAlone(model, prompts, next, name);
        }
        System.out.printf("%s batch of lengths %s: bitwise equal to each sequence alone%n", name,
                Arrays.toString(LENGTHS));
    }

    static void compareBatchWithAlone(Qwen35Model model, List<int[]> prompts, int[] next, String name) {
        int vocab = model.config().vocabSize();
        List<SequenceCache> caches = new ArrayList<>();
        try {
            List<SequenceInput> inputs = new ArrayList<>();
            List<SequenceInput> step = new ArrayList<>();
            for (int s = 0; s < prompts.size(); s++) {
                caches.add(model.newCache());
                inputs.add(new SequenceInput(caches.get(s), prompts.get(s)));
                step.add(new SequenceInput(caches.get(s), new int[] {next[s]}));
            }
            float[] batched = logits(model, inputs, Qwen35Model.LogitRows.ALL);
            float[] batchedStep = logits(model, step, Qwen35Model.LogitRows.LAST);
            int row = 0;
            for (int s = 0; s < prompts.size(); s++) {
                int[] p = prompts.get(s);
                try (SequenceCache alone = model.newCache()) {
                    String what = name + " " + model.deltaRuleForm() + " sequence of " + p.length;
                    assertArrayEquals(TinyModels.allLogits(model, alone, p),
                            Arrays.copyOfRange(batched, row * vocab, (row + p.length) * vocab), what + " prefill");
                    assertArrayEquals(TinyModels.allLogits(model, alone, new int[] {next[s]}),
                            Arrays.copyOfRange(batchedStep, s * vocab, (s + 1) * vocab), what + " decode step");
                }
                row += p.length;
            }
        } finally {
            caches.forEach(SequenceCache::close);
        }
    }

    private static float[] logits(Qwen35Model model, List<SequenceInput> inputs, Qwen35Model.LogitRows rows) {
        try (Tensor logits = model.forward(inputs, rows, (tap, value) -> { })) {
            return model.backend().toFloats(logits);
        }
    }
}
