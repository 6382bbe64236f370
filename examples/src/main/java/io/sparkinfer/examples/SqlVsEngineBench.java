package io.sparkinfer.examples;

import io.sparkinfer.engine.runtime.EngineModel;
import io.sparkinfer.engine.runtime.GenerateOptions;
import io.sparkinfer.engine.runtime.InferenceRequest;
import io.sparkinfer.engine.runtime.InferenceResult;
import io.sparkinfer.engine.runtime.Prompt;
import io.sparkinfer.engine.sched.EngineOptions;
import io.sparkinfer.engine.sched.InferenceEngine;
import io.sparkinfer.kernels.Backends;
import io.sparkinfer.kernels.api.Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The same generate requests twice: through the batch engine alone (as {@code bin/sparkinfer bench} runs it),
 * then through {@code llm_generate} in a local Spark SQL job; prints tokens per second of each and their ratio.
 * Both use the engine's default limits (512 tokens per step, 64 sequences, chunks of 256) and generate exactly
 * {@code max-tokens} tokens per row ({@code ignore_eos}); neither time includes the model load or the JIT warm-up
 * (each side first runs 64 other prompts).
 *
 * <p>Usage: {@code SqlVsEngineBench MODEL_DIR [rows=128] [max-tokens=16] [partitions=4]}.
 */
public final class SqlVsEngineBench {

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: SqlVsEngineBench MODEL_DIR [rows=128] [max-tokens=16] [partitions=4]");
            System.exit(2);
        }
        Path model = Path.of(args[0]).toAbsolutePath();
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int maxTokens = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int partitions = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        List<String> prompts = prompts(rows);

        double engine = engineAlone(model, prompts, maxTokens);
        double sql = sqlJob(model, prompts, maxTokens, partitions);
        System.out.printf(Locale.ROOT, "rows %d, max_tokens %d, partitions %d: engine alone %.1f tok/s, SQL %.1f tok/s,"
                + " ratio %.3f%n", rows, maxTokens, partitions, engine, sql, sql / engine);
        System.out.printf(Locale.ROOT, "{\"rows\": %d, \"max_tokens\": %d, \"engine_tok_s\": %.2f, \"sql_tok_s\": %.2f,"
                + " \"ratio\": %.4f}%n", rows, maxTokens, engine, sql, sql / engine);
    }

    /** Distinct prompts of a few dozen tokens, like short documents to summarise. */
    static List<String> prompts(int rows) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            out.add("Summarize in one sentence: item " + i + " arrived on day " + (i % 31 + 1) + " with " + (i * 7 % 13)
                    + " parts, of which " + (i % 5) + " were damaged; the customer asked for a refund.");
        }
        return out;
    }

    private static double engineAlone(Path dir, List<String> prompts, int maxTokens) throws Exception {
        try (Backend backend = Backends.cpuOrReference();
                EngineModel model = EngineModel.load(dir, backend);
                InferenceEngine engine = new InferenceEngine(model, EngineOptions.defaults())) {
            GenerateOptions options = GenerateOptions.DEFAULTS.withMaxTokens(maxTokens)
                    .withOptions(java.util.Map.of("ignore_eos", "true"));
            for (String p : prompts.subList(0, Math.min(64, prompts.size()))) {
                engine.submit(InferenceRequest.generate(new Prompt.Chat("", "warm up: " + p, false), options)).get();
            }
            long started = System.nanoTime();
            List<CompletableFuture<InferenceResult>> futures = new ArrayList<>();
            for (String p : prompts) {
                futures.add(engine.submit(InferenceRequest.generate(new Prompt.Chat("", p, false), options)));
            }
            long tokens = 0;
            for (CompletableFuture<InferenceResult> f : futures) {
                InferenceResult r = f.get();
                tokens += r.promptTokens() + r.completionTokens();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "engine alone: %d tokens in %.2f s%n", tokens, seconds);
            return tokens / seconds;
        }
    }

    private static double sqlJob(Path dir, List<String> prompts, int maxTokens, int partitions) {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("SqlVsEngineBench")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.extensions", "io.sparkinfer.udf.SparkInferExtensions")
                .config("spark.plugins", "io.sparkinfer.spark.SparkInferPlugin")
                .config("spark.sparkinfer.model", dir.toString()).getOrCreate();
        try {
            spark.createDataset(prompts, Encoders.STRING()).toDF("prompt").repartition(partitions).cache()
                    .createOrReplaceTempView("prompts");
            spark.sql("SELECT count(*) FROM prompts").collectAsList();
            String call = "llm_generate(prompt, map('max_tokens', '" + maxTokens + "', 'ignore_eos', 'true',"
                    + " 'result', 'struct'))";
            spark.sql("SELECT " + call + " FROM (SELECT concat('warm up: ', prompt) AS prompt FROM prompts LIMIT 64)")
                    .collectAsList();
            long started = System.nanoTime();
            Dataset<Row> out = spark.sql("SELECT sum(g.prompt_tokens + g.completion_tokens) AS tokens, count(*) AS n"
                    + " FROM (SELECT " + call + " AS g FROM prompts)");
            Row r = out.collectAsList().get(0);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "SQL job: %d rows, %d tokens in %.2f s%n", r.getLong(1), r.getLong(0),
                    seconds);
            return r.getLong(0) / seconds;
        } finally {
            spark.stop();
        }
    }
}
