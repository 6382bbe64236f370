package io.sparkinfer.engine.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.engine.runtime.EngineModel;
import io.sparkinfer.engine.runtime.FinishReason;
import io.sparkinfer.engine.runtime.GenerateOptions;
import io.sparkinfer.engine.runtime.InferenceRequest;
import io.sparkinfer.engine.runtime.InferenceResult;
import io.sparkinfer.engine.runtime.Pooling;
import io.sparkinfer.engine.runtime.Prompt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A request at fault fails alone, with a message that says what and how to fix it; the others go on. */
class RequestErrorsTest {

    @Test
    void badRequestsFailAloneWithClearMessages() throws Exception {
        EngineModel model = EngineFixtures.model("dense_bf16");
        int context = model.model().config().maxPositionEmbeddings();
        try (InferenceEngine engine = new InferenceEngine(model, EngineFixtures.smallSteps())) {
            List<CompletableFuture<InferenceResult>> good = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                good.add(engine.submit(InferenceRequest.generate(new Prompt.Ids(EngineFixtures.randomIds(20, i), 0),
                        GenerateOptions.DEFAULTS.withMaxTokens(5))));
            }
            expectError(engine, InferenceRequest.generate(Prompt.text(""), GenerateOptions.DEFAULTS), "prompt is empty");
            expectError(engine, InferenceRequest.generate(Prompt.chat("  "), GenerateOptions.DEFAULTS), "prompt is empty");
            expectError(engine, InferenceRequest.generate(new Prompt.Ids(new int[context + 1], 0),
                    GenerateOptions.DEFAULTS), "the prompt has " + (context + 1) + " tokens, more than the model's"
                    + " context of " + context);
            expectError(engine, InferenceRequest.generate(new Prompt.Ids(new int[context], 0),
                    GenerateOptions.DEFAULTS), "fills the model's context");
            expectError(engine, InferenceRequest.generate(Prompt.ids(1, 2, 999_999), GenerateOptions.DEFAULTS),
                    "token id 999999 at index 2 is outside the model's vocabulary [0, 512)");
            expectError(engine, InferenceRequest.classify(Prompt.text("hello"), List.of()), "at least one label");
            expectError(engine, InferenceRequest.classify(Prompt.text("hello"), List.of("a", "a")), "distinct");
            expectError(engine, InferenceRequest.classify(Prompt.text("hello"), List.of("a", "")), "has no tokens");
            for (CompletableFuture<InferenceResult> f : good) {
                InferenceResult r = f.get();
                assertTrue(r.ok(), r.error());
                assertEquals(20, r.promptTokens());
            }
        }
    }

    @Test
    void aRequestTooLargeForTheCacheBudgetSaysHowToFixIt() throws Exception {
        EngineModel model = EngineFixtures.model("dense_bf16");
        var shape = io.sparkinfer.engine.cache.CacheShape.of(model.model().config());
        EngineOptions options = EngineOptions.defaults().withCacheBudgetBytes(shape.bytesFor(100));
        try (InferenceEngine engine = new InferenceEngine(model, options)) {
            expectError(engine, InferenceRequest.generate(new Prompt.Ids(EngineFixtures.randomIds(50, 1), 0),
                    GenerateOptions.DEFAULTS.withMaxTokens(200)), "more than the engine's whole cache budget");
            InferenceResult fits = engine.submit(InferenceRequest.generate(
                    new Prompt.Ids(EngineFixtures.randomIds(50, 1), 0), GenerateOptions.DEFAULTS.withMaxTokens(20))).get();
            assertTrue(fits.ok(), fits.error());
        }
    }

    @Test
    void textPromptsWithoutATokenizerAskForIds() throws Exception {
        EngineModel withTokenizer = EngineFixtures.model("dense_bf16");
        EngineModel idsOnly = new EngineModel("ids-only", withTokenizer.model(), Optional.empty(),
                withTokenizer.chatTemplate(), withTokenizer.generation());
        try (InferenceEngine engine = new InferenceEngine(idsOnly, EngineFixtures.smallSteps())) {
            expectError(engine, InferenceRequest.generate(Prompt.text("hi"), GenerateOptions.DEFAULTS),
                    "text prompts need the model's tokenizer.json, which ids-only lacks; give token ids instead");
            InferenceResult r = engine.submit(InferenceRequest.embed(Prompt.ids(1, 2, 3), Pooling.MEAN)).get();
            assertTrue(r.ok(), r.error());
        }
    }

    @Test
    void badStringOptionsNameTheKeyAndTheValue() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> GenerateOptions.DEFAULTS.withOptions(Map.of("max_tokens", "many")));
        assertEquals("option max_tokens = 'many' is not an integer", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GenerateOptions.DEFAULTS.withOptions(Map.of("max_tokens", "0")));
        assertTrue(e.getMessage().contains("max_tokens must be at least 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GenerateOptions.DEFAULTS.withOptions(Map.of("stop", "[\"a\", 3]")));
        assertTrue(e.getMessage().contains("every element must be a string"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GenerateOptions.DEFAULTS.withOptions(Map.of("ignore_eos", "maybe")));
        assertTrue(e.getMessage().contains("use true or false"), e.getMessage());
        GenerateOptions parsed = GenerateOptions.DEFAULTS.withOptions(Map.of("max_tokens", "7", "stop", "[\"x\",\"yz\"]",
                "stop_token_ids", "1, 2", "ignore_eos", "true", "timeout_ms", "250"));
        assertEquals(new GenerateOptions(7, List.of("x", "yz"), List.of(1, 2), GenerateOptions.DEFAULTS.sampling(),
                true, 250), parsed);
        assertEquals(List.of("END"), GenerateOptions.DEFAULTS.withOptions(Map.of("stop", "END")).stopStrings());
    }

    private static void expectError(InferenceEngine engine, InferenceRequest request, String fragment) throws Exception {
        InferenceResult r = engine.submit(request).get();
        assertEquals(FinishReason.ERROR, r.finish(), "should fail: " + request);
        assertTrue(r.error().contains(fragment), "'" + r.error() + "' should contain '" + fragment + "'");
    }
}
