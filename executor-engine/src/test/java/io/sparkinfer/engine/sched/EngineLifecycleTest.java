package io.sparkinfer.engine.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.engine.runtime.EngineModel;
import io.sparkinfer.engine.runtime.FinishReason;
import io.sparkinfer.engine.runtime.GenerateOptions;
import io.sparkinfer.engine.runtime.InferenceRequest;
import io.sparkinfer.engine.runtime.InferenceResult;
import io.sparkinfer.engine.runtime.Prompt;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Stop conditions, time limits, text results and closing. */
class EngineLifecycleTest {

    private static GenerateOptions longRun(int maxTokens) {
        return new GenerateOptions(maxTokens, List.of(), List.of(), GenerateOptions.DEFAULTS.sampling(), true, 0);
    }

    @Test
    void stopStringsCutTheTextAndEndGeneration() throws Exception {
        EngineModel model = EngineFixtures.model("dense_bf16");
        try (InferenceEngine engine = new InferenceEngine(model, EngineFixtures.smallSteps())) {
            Prompt prompt = Prompt.text("Once upon a time, in a quiet village by the sea,");
            InferenceResult free = engine.submit(InferenceRequest.generate(prompt, longRun(40))).get();
            assertEquals(FinishReason.LENGTH, free.finish());
            assertEquals(40, free.completionTokens());
            String text = free.text();
            assertTrue(text.length() > 10, text);
            String stop = text.substring(text.length() / 2, text.length() / 2 + 3);
            InferenceResult stopped = engine.submit(InferenceRequest.generate(prompt,
                    longRun(40).withStopStrings(List.of(stop)))).get();
            assertEquals(FinishReason.STOP, stopped.finish());
            assertEquals(text.substring(0, text.indexOf(stop)), stopped.text());
            assertTrue(stopped.completionTokens() < 40);
            int[] ids = free.tokenIds();
            InferenceResult byId = engine.submit(InferenceRequest.generate(prompt, new GenerateOptions(40, List.of(),
                    List.of(ids[5]), GenerateOptions.DEFAULTS.sampling(), true, 0))).get();
            assertEquals(FinishReason.STOP, byId.finish());
            int firstAt = 0;
            while (ids[firstAt] != ids[5]) {
                firstAt++;
            }
            assertEquals(firstAt + 1, byId.completionTokens(), "stops at the first occurrence, kept in the ids");
        }
    }

    @Test
    void chatPromptsUseTheTemplateWithThinkingOff() throws Exception {
        EngineModel model = EngineFixtures.model("dense_bf16");
        var tokenizer = model.tokenizer().orElseThrow();
        try (InferenceEngine engine = new InferenceEngine(model, EngineFixtures.smallSteps())) {
            InferenceResult r = engine.submit(InferenceRequest.generate(new Prompt.Chat("Be brief.", "Hello there", false),
                    GenerateOptions.DEFAULTS.withMaxTokens(3))).get();
            String rendered = model.chatTemplate().render(List.of(io.sparkinfer.engine.tokenizer.ChatMessage.system("Be brief."),
                    io.sparkinfer.engine.tokenizer.ChatMessage.user("Hello there")),
                    io.sparkinfer.engine.tokenizer.ChatOptions.defaults().withEnableThinking(false));
            assertTrue(rendered.endsWith("<think>\n\n</think>\n\n"), rendered);
            assertEquals(tokenizer.encode(rendered).length, r.promptTokens());
        }
    }

    @Test
    void aTimeLimitStopsALongRequestWithWhatItHas() throws Exception {
        EngineModel model = EngineFixtures.model("dense_bf16");
        try (InferenceEngine engine = new InferenceEngine(model, EngineFixtures.smallSteps())) {
            InferenceResult r = engine.submit(InferenceRequest.generate(Prompt.ids(1, 2, 3),
                    longRun(4000).withTimeoutMillis(300))).get();
            assertEquals(FinishReason.TIMEOUT, r.finish());
            assertTrue(r.completionTokens() > 0 && r.completionTokens() < 4000, "partial: " + r.completionTokens());
            assertTrue(r.timings().totalMillis() >= 300, r.timings().toString());
            assertEquals(1, engine.stats().timedOut());
        }
    }

    @Test
    void closingFailsWhatIsUnfinishedAndRefusesNewWork() throws Exception {
        EngineModel model = EngineFixtures.model("dense_bf16");
        InferenceEngine engine = new InferenceEngine(model, EngineFixtures.smallSteps().withMaxRunning(2));
        List<CompletableFuture<InferenceResult>> futures = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            futures.add(engine.submit(InferenceRequest.generate(Prompt.ids(1, 2, 3 + i), longRun(4000))));
        }
        engine.close();
        for (CompletableFuture<InferenceResult> f : futures) {
            ExecutionException e = assertThrows(ExecutionException.class, f::get);
            assertTrue(e.getCause().getMessage().contains("was closed before this request finished"),
                    e.getCause().getMessage());
        }
        CompletableFuture<InferenceResult> late = engine.submit(InferenceRequest.generate(Prompt.ids(1), longRun(3)));
        assertTrue(late.isCompletedExceptionally());
        assertEquals(0, engine.pending());
        assertFalse(engine.stats().cacheBytesInUse() > 0);
    }
}
