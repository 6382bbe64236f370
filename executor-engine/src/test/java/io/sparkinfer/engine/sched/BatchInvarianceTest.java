package io.sparkinfer.engine.sched;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.engine.models.qwen35.Readout;
import io.sparkinfer.engine.runtime.GenerateOptions;
import io.sparkinfer.engine.runtime.InferenceRequest;
import io.sparkinfer.engine.runtime.InferenceResult;
import io.sparkinfer.engine.runtime.Prompt;
import io.sparkinfer.engine.sampling.SamplingParams;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Done-when 1 and 3: a request run alone and among 31 others of different lengths (prompt chunks and decode
 * tokens of different requests in the same steps) gives the same tokens and bitwise the same logits, greedy and
 * seeded sampling alike.
 */
class BatchInvarianceTest {

    /** Logits of every token-producing piece, per request (in step order). */
    private static final class LogitRecorder implements StepListener {
        final Map<CompletableFuture<InferenceResult>, List<float[]>> logits =
                Collections.synchronizedMap(new IdentityHashMap<>());
        final AtomicInteger mixedSteps = new AtomicInteger();

        @Override
        public void onStep(List<Piece> pieces, List<float[][]> outputs) {
            boolean prefill = false;
            boolean decode = false;
            for (int i = 0; i < pieces.size(); i++) {
                Piece p = pieces.get(i);
                boolean isDecode = p.owner().phase == Sequence.Phase.DECODE;
                decode |= isDecode;
                prefill |= p.owner().phase == Sequence.Phase.PREFILL;
                if (p.readout() == Readout.LAST_LOGITS) {
                    logits.computeIfAbsent(p.owner().future, f -> new ArrayList<>()).add(outputs.get(i)[0].clone());
                }
            }
            if (prefill && decode) {
                mixedSteps.incrementAndGet();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dense_bf16", "moe_bf16"})
    void aRequestGivesTheSameTokensAndLogitsAloneAndAmong31Others(String name) throws Exception {
        var model = EngineFixtures.model(name);
        List<InferenceRequest> requests = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            int length = 1 + (i * 37) % 150; // 1..150 tokens: one to three prompt chunks
            SamplingParams sampling = i % 2 == 0 ? SamplingParams.GREEDY
                    : new SamplingParams(0.9, 40, 0.95, 0, 1.1, 0.2, 1000 + i);
            GenerateOptions options = GenerateOptions.DEFAULTS.withMaxTokens(4 + i % 7).withSampling(sampling);
            requests.add(InferenceRequest.generate(new Prompt.Ids(EngineFixtures.randomIds(length, i), 0), options));
        }
        LogitRecorder together = new LogitRecorder();
        List<InferenceResult> batched = new ArrayList<>();
        List<CompletableFuture<InferenceResult>> futures = new ArrayList<>();
        try (InferenceEngine engine = new InferenceEngine(model, EngineFixtures.smallSteps(), together)) {
            // reversed arrival order on purpose
            for (int i = requests.size() - 1; i >= 0; i--) {
                futures.add(0, engine.submit(requests.get(i)));
            }
            for (CompletableFuture<InferenceResult> f : futures) {
                batched.add(f.get());
            }
            assertTrue(engine.stats().meanBatchFill() > 4, "requests really ran together: " + engine.stats());
        }
        assertTrue(together.mixedSteps.get() > 0, "some steps mixed prompt chunks and decode tokens");
        for (int i = 0; i < requests.size(); i++) {
            LogitRecorder alone = new LogitRecorder();
            InferenceResult single;
            CompletableFuture<InferenceResult> f;
            try (InferenceEngine engine = new InferenceEngine(model, EngineFixtures.smallSteps(), alone)) {
                f = engine.submit(requests.get(i));
                single = f.get();
            }
            String what = name + " request " + i;
            assertTrue(single.ok() && batched.get(i).ok(), what + ": " + single.error() + batched.get(i).error());
            assertArrayEquals(single.tokenIds(), batched.get(i).tokenIds(), what + " tokens");
            assertEquals(single.finish(), batched.get(i).finish(), what);
            List<float[]> a = alone.logits.get(f);
            List<float[]> b = together.logits.get(futures.get(i));
            assertEquals(a.size(), b.size(), what);
            for (int step = 0; step < a.size(); step++) {
                assertArrayEquals(a.get(step), b.get(step), what + " step " + step + " logits (bitwise)");
            }
        }
        System.out.printf("%s: 32 requests (1-150 prompt tokens, greedy and seeded sampling) give bitwise the same"
                + " logits and tokens alone and together; %d steps mixed prefill and decode%n", name,
                together.mixedSteps.get());
    }
}
