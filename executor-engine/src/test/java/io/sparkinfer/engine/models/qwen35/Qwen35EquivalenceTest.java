package io.sparkinfer.engine.models.qwen35;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.engine.cache.SequenceCache;
import io.sparkinfer.engine.layers.DeltaRuleForm;
import io.sparkinfer.kernels.api.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Ways of feeding one sequence's tokens that must agree, on the fixtures and on every {@link TinyVariant}: a
 * prefill split in two calls, token-by-token decoding, and decoding with the cache against a full re-forward,
 * each with the default chunked delta rule and with the recurrent one.
 *
 * <p>Not bit-identical, and why: the reference delta rule carries its state in double within a call and
 * rounds it to the f32 state in the cache when the call ends, so moving a call boundary rounds the state at
 * another token. Attention, conv and the row-wise layers see the same f32 values either way. The differences
 * are f32 rounding of that state, carried through the later layers ({@link #ROUNDING}). The two forms give
 * identical numbers on the reference backend (see {@link DeltaRuleFormsTest}); both run so that a backend on
 * which they differ is checked in each.
 */
class Qwen35EquivalenceTest {
    /**
     * The state rounded to f32 at other tokens, seen in the logits: a few 1e-6 on most models, 1.2e-5 measured
     * on one random tied-embedding model (whose small logits make the relative error larger).
     */
    static final double ROUNDING = 5e-5;
    static final int PROMPT_LENGTH = 150;
    static final List<String> MODELS = TinyModels.ALL;

    @ParameterizedTest
    @FieldSource("MODELS")
    void prefillSplitInTwoCallsEqualsOneCall(String name) {
        int[] ids = TinyModels.randomIds(TinyModels.model(name), PROMPT_LENGTH, 21);
        StringBuilder report = new StringBuilder(name + " prefill split in two, max relative difference:");
        for (Qwen35Model model : forms(name)) {
            float[] oneCall = TinyModels.prefillLogits(model, ids);
            double max = 0;
            for (int split : new int[] {1, 13, 64, 100, 149}) {
                double error = Closeness.relativeError(splitPrefill(model, ids, split), oneCall);
                assertTrue(error <= ROUNDING, name + " " + model.deltaRuleForm() + ", split at " + split + ": "
                        + error);
                max = Math.max(max, error);
            }
            report.append(String.format(" %s %.3e", model.deltaRuleForm(), max));
        }
        System.out.println(report);
    }

    @ParameterizedTest
    @FieldSource("MODELS")
    void tokenByTokenEqualsOnePrefill(String name) {
        Qwen35Model model = TinyModels.model(name);
        int[] ids = TinyModels.randomIds(model, PROMPT_LENGTH, 22);
        float[] stepwise = new float[0];
        try (SequenceCache cache = model.newCache(1)) { // grows on the way
            for (int id : ids) {
                stepwise = concat(stepwise, TinyModels.allLogits(model, cache, new int[] {id}));
            }
        }
        StringBuilder report = new StringBuilder(name + " token by token against one prefill, max relative:");
        for (Qwen35Model prefill : forms(name)) {
            double error = Closeness.relativeError(stepwise, TinyModels.prefillLogits(prefill, ids));
            assertTrue(error <= ROUNDING, name + " against a prefill in " + prefill.deltaRuleForm() + ": "
                    + error);
            report.append(String.format(" %s %.3e", prefill.deltaRuleForm(), error));
        }
        System.out.println(report);
    }

    @ParameterizedTest
    @FieldSource("MODELS")
    void decodingWithTheCacheEqualsAFullReforward(String name) {
        int[] prompt = TinyModels.randomIds(TinyModels.model(name), 70, 23);
        StringBuilder report = new StringBuilder(name + " 8 decode steps against a re-forward, max relative:");
        for (Qwen35Model model : forms(name)) {
            double max = compareDecodeWithReforward(model, prompt);
            report.append(String.format(" %s %.3e", model.deltaRuleForm(), max));
        }
        System.out.println(report);
    }

    /** The control: without DeltaNet layers nothing rounds at a call boundary, and every path is bit-identical. */
    @Test
    void withoutDeltaNetLayersCallBoundariesChangeNoBit() {
        Qwen35Model model = TinyModels.model(TinyVariant.ATTENTION_ONLY.name());
        int[] ids = TinyModels.randomIds(model, PROMPT_LENGTH, 24);
        float[] oneCall = TinyModels.prefillLogits(model, ids);
        for (int split : new int[] {1, 64, 100}) {
            assertArrayEquals(oneCall, splitPrefill(model, ids, split), "split at " + split);
        }
        float[] stepwise = new float[0];
        try (SequenceCache cache = model.newCache(1)) {
            for (int id : ids) {
                stepwise = concat(stepwise, TinyModels.allLogits(model, cache, new int[] {id}));
            }
        }
        assertArrayEquals(oneCall, stepwise, "token by token");
        assertEquals(0, compareDecodeWithReforward(model, Arrays.copyOf(ids, 70)), "decode against re-forward");
    }

    /** The model as loaded (chunks of 64) and with the recurrent delta rule. */
    private static List<Qwen35Model> forms(String name) {
        Qwen35Model loaded = TinyModels.model(name);
        return List.of(loaded, loaded.withDeltaRuleForm(DeltaRuleForm.recurrent()));
    }

    /**
     * Greedy-decodes 8 tokens with the cache, then checks each step's logits against the matching row of one
     * fresh prefill of prompt + generated tokens; returns the largest relative difference.
     */
    private static double compareDecodeWithReforward(Qwen35Model model, int[] prompt) {
        int steps = 8;
        int vocab = model.config().vocabSize();
        int[] sequence = Arrays.copyOf(prompt, prompt.length + steps);
        float[][] stepLogits = new float[steps + 1][];
        try (SequenceCache cache = model.newCache(4)) {
            int[] next = prompt;
            for (int k = 0; k <= steps; k++) {
                try (Tensor logits = model.forward(List.of(new SequenceInput(cache, next)))) {
                    stepLogits[k] = model.backend().toFloats(logits);
                }
                if (k < steps) {
                    sequence[prompt.length + k] = Closeness.argmax(stepLogits[k], 0, vocab);
                    next = new int[] {sequence[prompt.length + k]};
                }
            }
            assertEquals(sequence.length, cache.length());
        }
        float[] reforward = TinyModels.prefillLogits(model, sequence);
        double max = 0;
        for (int k = 0; k <= steps; k++) {
            int row = prompt.length - 1 + k;
            float[] expected = Arrays.copyOfRange(reforward, row * vocab, (row + 1) * vocab);
            if (k == 0) { // the prompt's last row: one prefill call both ways
                assertArrayEquals(expected, stepLogits[k], model.deltaRuleForm() + ": prompt prefill");
            }
            double error = Closeness.relativeError(stepLogits[k], expected);
            assertTrue(error <= ROUNDING, model.deltaRuleForm() + " after " + k + " decode steps: " + error);
            max = Math.max(max, error);
        }
        return max;
    }

    private static float[] splitPrefill(Qwen35Model model, int[] ids, int split) {
        try (SequenceCache cache = model.newCache(8)) {
            float[] first = TinyModels.allLogits(model, cache, Arrays.copyOfRange(ids, 0, split));
            float[] second = TinyModels.allLogits(model, cache, Arrays.copyOfRange(ids, split, ids.length));
            assertEquals(ids.length, cache.length());
            return concat(first, second);
        }
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
