package io.sparkinfer.engine.cli;

import io.sparkinfer.engine.cache.SequenceCache;
import io.sparkinfer.engine.models.qwen35.Qwen35Model;
import io.sparkinfer.engine.models.qwen35.SequenceInput;
import io.sparkinfer.kernels.api.Tensor;
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

/**
 * `bench --model M --batch B --prompt-len P --gen-len G [--requests N]`: prefill and decode throughput of a
 * static batch: each round prefills B random prompts of P tokens in one packed forward, then runs G decode steps
 * with all B sequences in each forward (greedy). The last line is one JSON object for scripts. The batch engine
 * will replace the static batch with continuous batching; the numbers keep their meaning.
 */
final class BenchCommand implements Command {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "prefill and decode tokens/s of a batch of random prompts";
    }

    @Override
    public String usage() {
        return """
                usage: bin/sparkinfer bench --model M [--batch B] [--prompt-len P] [--gen-len G] [--requests N] [--warmup W]
                  --batch B        sequences per forward (default 1)
                  --prompt-len P   tokens per prompt (default 128)
                  --gen-len G      decode steps per sequence (default 32)
                  --requests N     prompts in all, run B at a time (default B)
                  --warmup W       untimed rounds first (default 1)
                """ + "  " + LoadedModel.BACKEND_HELP;
    }

    @Override
    public Set<String> options() {
        return Set.of("model", "batch", "prompt-len", "gen-len", "requests", "warmup", "backend");
    }

    @Override
    public int run(CliArgs args, InputStream in, PrintStream out, PrintStream err) throws IOException {
        int batch = positive(args, "batch", 1);
        int promptLen = positive(args, "prompt-len", 128);
        int genLen = args.getInt("gen-len", 32);
        int requests = positive(args, "requests", batch);
        int warmup = args.getInt("warmup", 1);
        if (genLen < 0 || warmup < 0) {
            throw new UsageException("--gen-len and --warmup must be >= 0");
        }
        try (LoadedModel loaded = LoadedModel.load(args)) {
            Qwen35Model model = loaded.model();
            SplittableRandom random = new SplittableRandom(42);
            for (int w = 0; w < warmup; w++) {
                round(model, Math.min(batch, requests), promptLen, Math.min(genLen, 2), random);
            }
            long prefillNanos = 0;
            long decodeNanos = 0;
            long prefillTokens = 0;
            long decodeTokens = 0;
            for (int done = 0; done < requests; done += batch) {
                int b = Math.min(batch, requests - done);
                long[] t = round(model, b, promptLen, genLen, random);
                prefillNanos += t[0];
                decodeNanos += t[1];
                prefillTokens += (long) b * promptLen;
                decodeTokens += (long) b * genLen;
            }
            double prefill = prefillTokens / (prefillNanos / 1e9);
            double decode = decodeTokens == 0 ? 0 : decodeTokens / (decodeNanos / 1e9);
            double total = (prefillTokens + decodeTokens) / ((prefillNanos + decodeNanos) / 1e9);
            out.printf(Locale.ROOT, "backend %s, batch %d, prompt %d, gen %d, requests %d%n", loaded.backend().name(),
                    batch, promptLen, genLen, requests);
            out.printf(Locale.ROOT, "prefill %.1f tok/s (%.2f s), decode %.2f tok/s (%.2f s)%n", prefill,
                    prefillNanos / 1e9, decode, decodeNanos / 1e9);
            out.printf(Locale.ROOT, "{\"prefill_tok_s\": %.2f, \"decode_tok_s\": %.2f, \"total_tok_s\": %.2f, "
                    + "\"mean_batch_fill\": %.3f, \"peak_rss_mb\": %d}%n", prefill, decode, total,
                    requests / (double) (batch * ((requests + batch - 1) / batch)), peakRssMb());
        }
        return Main.OK;
    }

    /** One batch: prefill of b prompts in one forward, then genLen decode steps; returns {prefill, decode} nanos. */
    private static long[] round(Qwen35Model model, int b, int promptLen, int genLen, SplittableRandom random) {
        int vocab = model.config().vocabSize();
        List<SequenceCache> caches = new ArrayList<>(b);
        try {
            List<SequenceInput> prompts = new ArrayList<>(b);
            for (int s = 0; s < b; s++) {
                caches.add(model.newCache(promptLen + genLen));
                prompts.add(new SequenceInput(caches.get(s), random.ints(promptLen, 0, vocab).toArray()));
            }
            long start = System.nanoTime();
            int[] next = argmaxRows(model, model.forward(prompts));
            long prefill = System.nanoTime() - start;
            start = System.nanoTime();
            for (int step = 0; step < genLen; step++) {
                List<SequenceInput> tokens = new ArrayList<>(b);
                for (int s = 0; s < b; s++) {
                    tokens.add(new SequenceInput(caches.get(s), new int[] {next[s]}));
                }
                next = argmaxRows(model, model.forward(tokens));
            }
            return new long[] {prefill, System.nanoTime() - start};
        } finally {
            caches.forEach(SequenceCache::close);
        }
    }

    private static int[] argmaxRows(Qwen35Model model, Tensor logits) {
        try (logits) {
            float[] v = model.backend().toFloats(logits);
            int vocab = logits.rowSize();
            int[] out = new int[logits.rows()];
            for (int r = 0; r < out.length; r++) {
                int best = 0;
                for (int i = 1; i < vocab; i++) {
                    if (v[r * vocab + i] > v[r * vocab + best]) {
                        best = i;
                    }
                }
                out[r] = best;
            }
            return out;
        }
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
