package io.sparkinfer.engine.sched;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.engine.runtime.EngineModel;
import io.sparkinfer.engine.runtime.GenerateOptions;
import io.sparkinfer.engine.runtime.Generation;
import io.sparkinfer.engine.runtime.InferenceRequest;
import io.sparkinfer.engine.runtime.InferenceResult;
import io.sparkinfer.engine.runtime.Prompt;
import io.sparkinfer.engine.sampling.SamplingParams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Done-when 2: 1,000 requests from 8 threads all complete, each equal to the same request generated alone;
 * cancelling 100 mid-way under a small cache budget frees their slots and the rest finish.
 */
class ConcurrentSubmitTest {
    private static final int DISTINCT = 40;

    @Test
    void aThousandRequestsFromEightThreadsMatchTheirRunsAlone() throws Exception {
        EngineModel model = EngineFixtures.model("dense_bf16");
        List<int[]> prompts = distinctPrompts(500);
        List<int[]> alone = aloneRuns(model, prompts);
        try (InferenceEngine engine = new InferenceEngine(model, EngineOptions.defaults().withPrefillChunk(64))) {
            List<CompletableFuture<InferenceResult>> futures = submitFromThreads(engine, 1000, 8, prompts, 0);
            for (int i = 0; i < futures.size(); i++) {
                InferenceResult r = futures.get(i).get(2, TimeUnit.MINUTES);
                assertTrue(r.ok(), r.error());
                assertArrayEquals(alone.get(i % DISTINCT), r.tokenIds(), "request " + i);
                assertEquals(prompts.get(i % DISTINCT).length, r.promptTokens());
                assertEquals(r.tokenIds().length, r.completionTokens());
            }
            var stats = engine.stats();
            assertEquals(1000, stats.completed());
            assertEquals(0, stats.cacheBytesInUse());
            System.out.printf("1000 requests from 8 threads: all equal to their runs alone; %d steps, mean batch fill"
                    + " %.1f%n", stats.steps(), stats.meanBatchFill());
        }
    }

    @Test
    void cancellingAHundredUnderASmallBudgetFreesTheirSlots() throws Exception {
        EngineModel model = EngineFixtures.model("dense_bf16");
        List<int[]> prompts = distinctPrompts(900);
        List<int[]> alone = aloneRuns(model, prompts);
        var shape = io.sparkinfer.engine.cache.CacheShape.of(model.model().config());
        long budget = 6 * shape.bytesFor(90 + 400); // room for about six sequences at once
        EngineOptions options = EngineOptions.defaults().withPrefillChunk(64).withCacheBudgetBytes(budget);
        try (InferenceEngine engine = new InferenceEngine(model, options)) {
            // The first 100 generate up to 400 tokens (no eos stop): long enough to be cancelled mid-way.
            List<CompletableFuture<InferenceResult>> doomed = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                GenerateOptions longRun = GenerateOptions.DEFAULTS.withMaxTokens(400)
                        .withSampling(new SamplingParams(1.0, 0, 1, 0, 1, 0, i));
                doomed.add(engine.submit(InferenceRequest.generate(new Prompt.Ids(prompts.get(i % DISTINCT), 0),
                        new GenerateOptions(400, List.of(), List.of(), longRun.sampling(), true, 0))));
            }
            List<CompletableFuture<InferenceResult>> rest = submitFromThreads(engine, 300, 8, prompts, 0);
            Thread.sleep(200);
            int cancelled = 0;
            for (CompletableFuture<InferenceResult> f : doomed) {
                cancelled += engine.cancel(f) ? 1 : 0;
            }
            for (int i = 0; i < rest.size(); i++) {
                InferenceResult r = rest.get(i).get(2, TimeUnit.MINUTES);
                assertArrayEquals(alone.get(i % DISTINCT), r.tokenIds(), "request " + i);
            }
            assertTrue(engine.drain(Duration.ofMinutes(1)), "everything ends");
            for (CompletableFuture<InferenceResult> f : doomed) {
                assertTrue(f.isDone());
            }
            var stats = engine.stats();
            assertTrue(cancelled >= 90, "most of the long requests were still running or waiting: " + cancelled);
            assertTrue(stats.peakCacheBytes() <= budget, "never over budget: " + stats.peakCacheBytes() + " > " + budget);
            assertEquals(0, stats.cacheBytesInUse(), "cancelled sequences gave their cache back");
            System.out.printf("cancelled %d of 100 long requests mid-way; the other 300 finished within a %d MiB"
                    + " budget (peak %d MiB)%n", cancelled, budget >> 20, stats.peakCacheBytes() >> 20);
            try {
                doomed.get(0).get();
            } catch (CancellationException expected) {
                return;
            }
            throw new AssertionError("a cancelled future reports its cancellation");
        }
    }

    /** {@value #DISTINCT} prompts of 1 to 90 tokens; request i uses prompt i % DISTINCT. */
    private static List<int[]> distinctPrompts(long seed) {
        List<int[]> prompts = new ArrayList<>();
        for (int p = 0; p < DISTINCT; p++) {
            prompts.add(EngineFixtures.randomIds(1 + (p * 13) % 90, seed + p));
        }
        return prompts;
    }

    /** Each prompt generated alone by the simple single-sequence path, greedy. */
    private static List<int[]> aloneRuns(EngineModel model, List<int[]> prompts) {
        List<int[]> alone = new ArrayList<>();
        for (int p = 0; p < prompts.size(); p++) {
            alone.add(aloneIds(model, prompts.get(p), maxTokens(p)));
        }
        return alone;
    }

    private static int maxTokens(int p) {
        return 1 + p % 12;
    }

    private static int[] aloneIds(EngineModel model, int[] prompt, int maxTokens) {
        return Generation.generate(model.model(), prompt, maxTokens,
                new HashSet<>(model.generation().eosTokenIds()), SamplingParams.GREEDY).ids();
    }

    private static List<CompletableFuture<InferenceResult>> submitFromThreads(InferenceEngine engine, int count,
            int threads, List<int[]> prompts, int offset) throws Exception {
        @SuppressWarnings("unchecked")
        CompletableFuture<InferenceResult>[] futures = new CompletableFuture[count];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int i = first; i < count; i += threads) {
                        int p = (i + offset) % DISTINCT;
                        futures[i] = engine.submit(InferenceRequest.generate(new Prompt.Ids(prompts.get(p), 0),
                                GenerateOptions.DEFAULTS.withMaxTokens(maxTokens(p))));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return List.of(futures);
    }
}
