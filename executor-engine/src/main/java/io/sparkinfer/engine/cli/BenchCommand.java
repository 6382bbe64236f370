package io.sparkinfer.engine.cli;

import io.sparkinfer.engine.runtime.EngineModel;
import io.sparkinfer.engine.runtime.GenerateOptions;
import io.sparkinfer.engine.runtime.InferenceRequest;
import io.sparkinfer.engine.runtime.InferenceResult;
import io.sparkinfer.engine.runtime.Pooling;
import io.sparkinfer.engine.runtime.Prompt;
import io.sparkinfer.engine.sampling.SamplingParams;
import io.sparkinfer.engine.sched.EngineOptions;
import io.sparkinfer.engine.sched.EngineStats;
import io.sparkinfer.engine.sched.InferenceEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * `bench --model M [--batch B] [--prompt-len P] [--gen-len G] [--requests N] [--shared-prefix F] [--task T]`:
 * N synthetic requests of random token ids submitted at once to the batch engine with B sequences in flight;
 * the first F of every prompt is the same (a shared instruction). Prints prefill tok/s (prompt-only steps),
 * decode tok/s (decode-only steps), total tok/s (all tokens over the wall time), mean batch fill, peak cache
 * and peak RSS; the last line is one JSON object for scripts.
 */
final class BenchCommand implements Command {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "throughput of the batch engine on synthetic requests";
    }

    @Override
    public String usage() {
        return """
                usage: bin/sparkinfer bench --model M [--batch B] [--prompt-len P] [--gen-len G] [--requests N] [options]
                  --batch B             sequences in flight at once (default 1)
                  --prompt-len P        tokens per prompt (default 128)
                  --gen-len G           tokens generated per request, eos ignored (default 32; 0 with --task embed)
                  --requests N          requests in all, submitted at once (default B)
                  --shared-prefix F     fraction of each prompt shared by all requests, 0..1 (default 0)
                  --task T              generate or embed (default generate)
                  --max-batch-tokens T  tokens per engine step (default 512)
                  --prefill-chunk C     prompt piece size, a multiple of 64 (default 256)
                  --warmup W            untimed requests first, on a separate engine (default 1)
                """ + "  " + LoadedModel.BACKEND_HELP;
    }

    @Override
    public Set<String> options() {
        return Set.of("model", "batch", "prompt-len", "gen-len", "requests", "shared-prefix", "task",
                "max-batch-tokens", "prefill-chunk", "warmup", "backend");
    }

    @Override
    public int run(CliArgs args, InputStream in, PrintStream out, PrintStream err) throws IOException {
        int batch = positive(args, "batch", 1);
        int promptLen = positive(args, "prompt-len", 128);
        String task = args.get("task").orElse("generate");
        if (!task.equals("generate") && !task.equals("embed")) {
            throw new UsageException("--task must be generate or embed; got " + task);
        }
        int genLen = args.getInt("gen-len", task.equals("embed") ? 0 : 32);
        int requests = positive(args, "requests", batch);
        int warmup = args.getInt("warmup", 1);
        double shared = fraction(args);
        if (genLen < 0 || warmup < 0 || (task.equals("generate") && genLen == 0)) {
            throw new UsageException("--gen-len must be >= 1 for generate (0 for embed) and --warmup >= 0; got "
                    + genLen + " and " + warmup);
        }
        EngineOptions options = EngineOptions.defaults().withMaxRunning(batch)
                .withMaxBatchTokens(args.getInt("max-batch-tokens", 512))
                .withPrefillChunk(args.getInt("prefill-chunk", 256));
        try (LoadedModel loaded = LoadedModel.load(args);
                EngineModel model = new EngineModel(loaded.directory().toString(), loaded.model(),
                        java.util.Optional.empty(), io.sparkinfer.engine.tokenizer.ChatTemplate.qwen35(),
                        loaded.generation())) {
            Workload workload = new Workload(task, promptLen, genLen, (int) Math.round(shared * promptLen),
                    loaded.model().config().vocabSize());
            if (warmup > 0) {
                try (InferenceEngine engine = new InferenceEngine(model, options)) {
                    runAll(engine, workload.requests(warmup, 7));
                }
            }
            long start = System.nanoTime();
            EngineStats.Snapshot stats;
            try (InferenceEngine engine = new InferenceEngine(model, options)) {
                runAll(engine, workload.requests(requests, 42));
                stats = engine.stats();
            }
            double wall = (System.nanoTime() - start) / 1e9;
            long promptTokens = (long) requests * promptLen;
            long generated = stats.generatedTokens();
            double total = (promptTokens + generated) / wall;
            out.printf(Locale.ROOT, "backend %s, task %s, batch %d, prompt %d (shared %d), gen %d, requests %d%n",
                    loaded.backend().name(), task, batch, promptLen, workload.sharedLength(), genLen, requests);
            out.printf(Locale.ROOT, "%d prompt tokens (%d computed, %d from the prefix cache) and %d generated in"
                    + " %.2f s: %.1f tok/s in all%n", promptTokens, stats.promptTokensComputed(),
                    stats.prefixTokensReused(), generated, wall, total);
            out.printf(Locale.ROOT, "prefill %.1f tok/s (%d prompt-only steps), decode %.2f tok/s (%d decode-only steps),"
                    + " %d steps, mean batch fill %.2f, peak cache %d MiB%n", stats.prefillTokensPerSecond(),
                    stats.prefillSteps(), stats.decodeTokensPerSecond(), stats.decodeSteps(), stats.steps(),
                    stats.meanBatchFill(), stats.peakCacheBytes() >> 20);
            out.printf(Locale.ROOT, "{\"prefill_tok_s\": %.2f, \"decode_tok_s\": %.2f, \"total_tok_s\": %.2f, "
                    + "\"mean_batch_fill\": %.3f, \"peak_cache_mb\": %d, \"peak_rss_mb\": %d, \"wall_s\": %.3f}%n",
                    stats.prefillTokensPerSecond(), stats.decodeTokensPerSecond(), total, stats.meanBatchFill(),
                    stats.peakCacheBytes() >> 20, peakRssMb(), wall);
        }
        return Main.OK;
    }

    /** Synthetic requests: random ids, the first {@code sharedLength} the same in all; eos ignored. */
    private record Workload(String task, int promptLen, int genLen, int sharedLength, int vocab) {
        List<InferenceRequest> requests(int count, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            int[] prefix = random.ints(sharedLength, 0, vocab).toArray();
            GenerateOptions options = new GenerateOptions(Math.max(1, genLen), List.of(), List.of(),
                    SamplingParams.GREEDY, true, 0);
            List<InferenceRequest> out = new ArrayList<>(count);
            for (int r = 0; r < count; r++) {
                int[] ids = random.ints(promptLen, 0, vocab).toArray();
                System.arraycopy(prefix, 0, ids, 0, sharedLength);
                Prompt prompt = new Prompt.Ids(ids, sharedLength);
                out.add(task.equals("embed") ? InferenceRequest.embed(prompt, Pooling.LAST)
                        : InferenceRequest.generate(prompt, options));
            }
            return out;
        }
    }

    private static void runAll(InferenceEngine engine, List<InferenceRequest> requests) {
        List<CompletableFuture<InferenceResult>> futures = new ArrayList<>();
        requests.forEach(r -> futures.add(engine.submit(r)));
        for (CompletableFuture<InferenceResult> f : futures) {
            try {
                InferenceResult r = f.get();
                if (!r.ok()) {
                    throw new IllegalStateException("a benchmark request failed: " + r.error());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while benchmarking", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a benchmark request failed: " + e.getCause(), e.getCause());
            }
        }
    }

    private static double fraction(CliArgs args) {
        String value = args.get("shared-prefix").orElse("0");
        try {
            double f = Double.parseDouble(value);
            if (f >= 0 && f <= 1) {
                return f;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--shared-prefix must be a fraction from 0 to 1, got '" + value + "'");
    }

    private static int positive(CliArgs args, String name, int defaultValue) {
        int v = args.getInt(name, defaultValue);
        if (v < 1) {
            throw new UsageException("--" + name + " must be at least 1, got " + v);
        }
        return v;
    }

    /** The process's peak resident memory (VmHWM) in MiB, or -1 where /proc is not there. */
    static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
