package io.sparkinfer.examples;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A scheduled batch job: reads a directory of inputs with the sparkinfer source, runs one task over every row and
 * writes Parquet (the input columns plus {@code result}: STRUCT&lt;text or embedding, finish_reason, prompt_tokens,
 * completion_tokens, error&gt;). Safe to re-run over the same output path: it writes next to it and swaps the
 * result in only when the write succeeded, so a failed run leaves the previous output as it was.
 *
 * <p>Usage: {@code BatchJob INPUT OUTPUT TASK MODEL [--option key=value ...] [--max-error-rows N]}; TASK is
 * generate, translate, classify, embed or caption; options are the source's ({@code prompt}, {@code labels},
 * {@code target_language}, {@code max_tokens}, ...). MODEL {@code -} takes {@code SPARKINFER_MODEL} or the tiny
 * random model.
 *
 * <p>Exit codes: 0 done; 1 the job failed (the message says why); 2 bad arguments; 3 more rows failed than
 * {@code --max-error-rows} allows (default: any number; the output is written either way).
 */
public final class BatchJob {
    static final String USAGE = "BatchJob INPUT OUTPUT TASK MODEL [--option key=value ...] [--max-error-rows N]";

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** The job; returns its exit code. */
    static int run(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: " + USAGE);
            return 2;
        }
        Map<String, String> flags = Args.parse(java.util.Arrays.copyOfRange(args, 4, args.length),
                Map.of("--max-error-rows", "-1", "--option", ""), List.of("--option"), USAGE);
        Map<String, String> options = new java.util.LinkedHashMap<>();
        for (String kv : flags.get("--option").split("\n")) {
            if (kv.isEmpty()) {
                continue;
            }
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                System.err.println("--option " + kv + " must be key=value\nusage: " + USAGE);
                return 2;
            }
            options.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        String input = args[0];
        String output = args[1];
        options.put("task", args[2]);
        options.put("result", "struct");
        String model = args[3].equals("-") ? ExampleModel.resolve(args[2].equalsIgnoreCase("caption")) : args[3];
        long maxErrors = Long.parseLong(flags.get("--max-error-rows"));
        SparkSession spark = null;
        try {
            spark = ExampleSession.start("sparkinfer batch job (" + args[2] + ")", model);
            options.put("model", model);
            long started = System.nanoTime();
            Dataset<Row> rows = spark.read().format("sparkinfer").options(options).load(input);
            writeReplacing(spark, rows, output);
            Dataset<Row> written = spark.read().parquet(output);
            Row stats = written.selectExpr("count(*)", "count(result.error)",
                    "coalesce(sum(result.prompt_tokens + result.completion_tokens), 0)").first();
            double seconds = (System.nanoTime() - started) / 1e9;
            long n = stats.getLong(0);
            long failed = stats.getLong(1);
            System.out.printf(Locale.ROOT, "BatchJob: %d rows (%d failed) from %s to %s in %.1f s, %.1f tokens/s%n",
                    n, failed, input, output, seconds, stats.getLong(2) / seconds);
            if (maxErrors >= 0 && failed > maxErrors) {
                written.where("result.error IS NOT NULL").select("result.error").limit(3).collectAsList()
                        .forEach(r -> System.err.println("  failed row: " + r.getString(0)));
                System.err.println("BatchJob: " + failed + " rows failed, more than --max-error-rows " + maxErrors);
                return 3;
            }
            return 0;
        } catch (RuntimeException | IOException e) {
            System.err.println("BatchJob failed: " + rootMessage(e));
            return 1;
        } finally {
            if (spark != null) {
                spark.stop();
            }
        }
    }

    /** Writes to a sibling folder, then replaces {@code output} with it (a failed write leaves output alone). */
    private static void writeReplacing(SparkSession spark, Dataset<Row> rows, String output) throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path target = new Path(output);
        FileSystem fs = target.getFileSystem(conf);
        Path staging = new Path(target.getParent(), "." + target.getName() + ".staging-" + UUID.randomUUID());
        try {
            rows.write().parquet(staging.toString());
            Path old = new Path(target.getParent(), "." + target.getName() + ".old-" + UUID.randomUUID());
            boolean hadOutput = fs.exists(target);
            if (hadOutput && !fs.rename(target, old)) {
                throw new IOException("could not move the previous output " + target + " aside to " + old);
            }
            if (!fs.rename(staging, target)) {
                if (hadOutput) {
                    fs.rename(old, target);
                }
                throw new IOException("could not move the new output " + staging + " to " + target);
            }
            if (hadOutput) {
                fs.delete(old, true);
            }
        } finally {
            if (fs.exists(staging)) {
                fs.delete(staging, true);
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = String.valueOf(e.getMessage());
        return t == e || m.contains(String.valueOf(t.getMessage())) ? m : m + " (cause: " + t.getMessage() + ")";
    }
}
