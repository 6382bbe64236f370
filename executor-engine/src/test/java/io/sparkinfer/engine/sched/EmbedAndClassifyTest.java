package io.sparkinfer.engine.sched;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.engine.cache.SequenceCache;
import io.sparkinfer.engine.models.qwen35.Qwen35Model;
import io.sparkinfer.engine.models.qwen35.SequenceInput;
import io.sparkinfer.engine.runtime.EngineModel;
import io.sparkinfer.engine.runtime.InferenceRequest;
import io.sparkinfer.engine.runtime.InferenceResult;
import io.sparkinfer.engine.runtime.Pooling;
import io.sparkinfer.engine.runtime.Prompt;
import io.sparkinfer.engine.runtime.Task;
import io.sparkinfer.engine.sampling.TokenSampler;
import io.sparkinfer.kernels.api.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Done-when 4: embeddings equal the pooled, L2-normalised final hidden state of a single forward; classification
 * picks the label whose tokens have the highest summed log-prob as a continuation, computed by brute force.
 */
class EmbedAndClassifyTest {

    @ParameterizedTest
    @ValueSource(strings = {"dense_bf16", "moe_bf16"})
    void embeddingsArePooledFinalHiddenStates(String name) throws Exception {
        EngineModel model = EngineFixtures.model(name);
        int[] shortPrompt = EngineFixtures.randomIds(30, 1); // one piece: the same computation as one forward
        int[] longPrompt = EngineFixtures.randomIds(150, 2); // three pieces of 64, 64, 22
        try (InferenceEngine engine = new InferenceEngine(model, EngineFixtures.smallSteps())) {
            for (int[] prompt : List.of(shortPrompt, longPrompt)) {
                float[][] hidden = finalHidden(model.model(), prompt);
                for (Pooling pooling : Pooling.values()) {
                    InferenceResult r = engine.submit(InferenceRequest.embed(new Prompt.Ids(prompt, 0), pooling)).get();
                    assertTrue(r.ok(), r.error());
                    assertEquals(Task.EMBED, r.task());
                    assertNull(r.text());
                    float[] expected = expected(hidden, pooling);
                    double tolerance = prompt.length <= 64 ? 0 : 1e-5;
                    float[] got = r.embedding();
                    assertEquals(model.model().config().hiddenSize(), got.length);
                    double norm = 0;
                    for (int i = 0; i < got.length; i++) {
                        assertEquals(expected[i], got[i], tolerance, name + " " + pooling + " " + prompt.length + " [" + i + "]");
                        norm += got[i] * (double) got[i];
                    }
                    assertEquals(1.0, norm, 1e-5, "unit length");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dense_bf16", "moe_bf16"})
    void classificationPicksTheLabelWithTheHighestSummedLogProb(String name) throws Exception {
        EngineModel model = EngineFixtures.model(name);
        var tokenizer = model.tokenizer().orElseThrow();
        List<String> labels = List.of("positive", "negative", "neutral", "a", "this label has many tokens in it");
        try (InferenceEngine engine = new InferenceEngine(model, EngineFixtures.smallSteps())) {
            for (String text : List.of("The food was great and the staff were kind.", "Terrible. Never again!",
                    "Le train part à huit heures.")) {
                int[] prompt = tokenizer.encode(text);
                InferenceResult r = engine.submit(InferenceRequest.classify(Prompt.text(text), labels)).get();
                assertTrue(r.ok(), r.error());
                double[] brute = new double[labels.size()];
                int best = 0;
                for (int l = 0; l < labels.size(); l++) {
                    brute[l] = bruteForceScore(model.model(), prompt, tokenizer.encode(labels.get(l)));
                    best = brute[l] > brute[best] ? l : best;
                }
                assertEquals(labels.get(best), r.label(), name + " '" + text + "'");
                double max = java.util.Arrays.stream(brute).max().orElseThrow();
                double sum = 0;
                for (double b : brute) {
                    sum += Math.exp(b - max);
                }
                Map<String, Double> probabilities = r.labelProbabilities();
                assertEquals(labels, new ArrayList<>(probabilities.keySet()), "labels in request order");
                for (int l = 0; l < labels.size(); l++) {
                    assertEquals(Math.exp(brute[l] - max) / sum, probabilities.get(labels.get(l)), 1e-5,
                            name + " p(" + labels.get(l) + ")");
                }
            }
        }
    }

    /** Sum over the label's tokens of log p(token | prompt, earlier label tokens), from one full forward. */
    private static double bruteForceScore(Qwen35Model model, int[] prompt, int[] label) {
        int[] all = new int[prompt.length + label.length];
        System.arraycopy(prompt, 0, all, 0, prompt.length);
        System.arraycopy(label, 0, all, prompt.length, label.length);
        int vocab = model.config().vocabSize();
        float[] logits;
        try (SequenceCache cache = model.newCache(all.length);
                Tensor t = model.forward(List.of(new SequenceInput(cache, all)), Qwen35Model.LogitRows.ALL,
                        (n, v) -> { })) {
            logits = model.backend().toFloats(t);
        }
        double score = 0;
        for (int i = 0; i < label.length; i++) {
            int row = prompt.length - 1 + i;
            float[] rowLogits = java.util.Arrays.copyOfRange(logits, row * vocab, (row + 1) * vocab);
            score += TokenSampler.logSoftmax(rowLogits)[label[i]];
        }
        return score;
    }

    private static float[][] finalHidden(Qwen35Model model, int[] prompt) {
        int h = model.config().hiddenSize();
        float[][] rows = new float[prompt.length][];
        try (SequenceCache cache = model.newCache(prompt.length);
                Tensor ignored = model.forward(List.of(new SequenceInput(cache, prompt)), Qwen35Model.LogitRows.LAST,
                        (tap, value) -> {
                            if (tap.equals("final_norm")) {
                                float[] all = model.backend().toFloats(value);
                                for (int r = 0; r < rows.length; r++) {
                                    rows[r] = java.util.Arrays.copyOfRange(all, r * h, (r + 1) * h);
                                }
                            }
                        })) {
            return rows;
        }
    }

    private static float[] expected(float[][] hidden, Pooling pooling) {
        double[] sum = new double[hidden[0].length];
        int from = pooling == Pooling.LAST ? hidden.length - 1 : 0;
        for (int r = from; r < hidden.length; r++) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += hidden[r][i];
            }
        }
        return EmbedState.normalised(sum, hidden.length - from);
    }
}
