package io.sparkinfer.engine.sched;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.engine.models.qwen35.Readout;
import io.sparkinfer.engine.runtime.EngineModel;
import io.sparkinfer.engine.runtime.GenerateOptions;
import io.sparkinfer.engine.runtime.InferenceRequest;
import io.sparkinfer.engine.runtime.InferenceResult;
import io.sparkinfer.engine.runtime.Prompt;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Done-when 5: N requests sharing a 100-token prefix compute it once (counted), and give the same outputs
 * (tokens, and logits bitwise) as without the prefix cache.
 */
class PrefixCacheTest {
    private static final int N = 8;

    @ParameterizedTest
    @ValueSource(strings = {"dense_bf16", "moe_bf16"})
    void aSharedPrefixIsComputedOnceAndChangesNothing(String name) throws Exception {
        EngineModel model = EngineFixtures.model(name);
        int[] prefix = EngineFixtures.randomIds(100, 42);
        List<InferenceRequest> requests = new ArrayList<>();
        int suffixTokens = 0;
        for (int i = 0; i < N; i++) {
            int[] suffix = EngineFixtures.randomIds(5 + 5 * i, 100 + i);
            int[] prompt = new int[100 + suffix.length];
            System.arraycopy(prefix, 0, prompt, 0, 100);
            System.arraycopy(suffix, 0, prompt, 100, suffix.length);
            suffixTokens += suffix.length;
            requests.add(InferenceRequest.generate(new Prompt.Ids(prompt, 100), GenerateOptions.DEFAULTS.withMaxTokens(6)));
        }
        Run cached = run(model, EngineFixtures.smallSteps(), requests);
        Run uncached = run(model, EngineFixtures.smallSteps().withPrefixCacheBytes(0), requests);
        assertEquals(N - 1, cached.stats.prefixHits(), "every request after the first starts from the snapshot");
        assertEquals(100L * (N - 1), cached.stats.prefixTokensReused());
        assertEquals(100 + suffixTokens, cached.stats.promptTokensComputed(), "the prefix is computed once");
        assertEquals(100L * N + suffixTokens, uncached.stats.promptTokensComputed());
        for (int i = 0; i < N; i++) {
            assertArrayEquals(uncached.results.get(i).tokenIds(), cached.results.get(i).tokenIds(), "request " + i);
            assertEquals(uncached.logits.get(i).size(), cached.logits.get(i).size());
            for (int s = 0; s < cached.logits.get(i).size(); s++) {
                assertArrayEquals(uncached.logits.get(i).get(s), cached.logits.get(i).get(s), name + " request " + i
                        + " step " + s + " logits (bitwise)");
            }
        }
        System.out.printf("%s: %d requests sharing a 100-token prefix computed %d prompt tokens with the prefix cache,"
                + " %d without; outputs bitwise equal%n", name, N, cached.stats.promptTokensComputed(),
                uncached.stats.promptTokensComputed());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dense_bf16"})
    void chatPromptsShareTheirSystemPromptAutomatically(String name) throws Exception {
        EngineModel model = EngineFixtures.model(name);
        String system = "You are a careful assistant. Answer with one word. Reply in the language of the question, "
                + "and keep the answer short, polite and factual.";
        List<InferenceRequest> requests = new ArrayList<>();
        for (String q : List.of("What is the capital of France?", "Wie spät ist es?", "¿Dónde está la playa?")) {
            requests.add(InferenceRequest.generate(new Prompt.Chat(system, q, false), GenerateOptions.DEFAULTS.withMaxTokens(3)));
        }
        Run cached = run(model, EngineFixtures.smallSteps(), requests);
        Run uncached = run(model, EngineFixtures.smallSteps().withPrefixCacheBytes(0), requests);
        assertEquals(2, cached.stats.prefixHits());
        assertTrue(cached.stats.prefixTokensReused() >= 2 * 20, "the system prompt is reused: " + cached.stats);
        for (int i = 0; i < requests.size(); i++) {
            assertArrayEquals(uncached.results.get(i).tokenIds(), cached.results.get(i).tokenIds());
            assertEquals(uncached.results.get(i).text(), cached.results.get(i).text());
        }
    }

    private record Run(List<InferenceResult> results, List<List<float[]>> logits, EngineStats.Snapshot stats) {
    }

    private static Run run(EngineModel model, EngineOptions options, List<InferenceRequest> requests) throws Exception {
        java.util.Map<CompletableFuture<InferenceResult>, List<float[]>> logits =
                java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
        StepListener listener = (pieces, outputs) -> {
            for (int i = 0; i < pieces.size(); i++) {
                if (pieces.get(i).readout() == Readout.LAST_LOGITS) {
                    logits.computeIfAbsent(pieces.get(i).owner().future, f -> new ArrayList<>())
                            .add(outputs.get(i)[0].clone());
                }
            }
        };
        try (InferenceEngine engine = new InferenceEngine(model, options, listener)) {
            List<CompletableFuture<InferenceResult>> futures = new ArrayList<>();
            requests.forEach(r -> futures.add(engine.submit(r)));
            List<InferenceResult> results = new ArrayList<>();
            List<List<float[]>> perRequest = new ArrayList<>();
            for (CompletableFuture<InferenceResult> f : futures) {
                InferenceResult r = f.get();
                assertTrue(r.ok(), r.error());
                results.add(r);
                perRequest.add(logits.get(f));
            }
            return new Run(results, perRequest, engine.stats());
        }
    }
}
