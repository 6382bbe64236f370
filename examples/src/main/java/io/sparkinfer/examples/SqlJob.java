package io.sparkinfer.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The main job of the quick start: a local Spark SQL job over the bundled multilingual sample data. It translates
 * every sentence into English and classifies the sentiment of every review with the sparkinfer SQL functions, then
 * prints a sample of the results and the throughput.
 *
 * <p>Usage: {@code SqlJob [--data DIR] [--rows N] [--max-tokens N]}; the model is {@code SPARKINFER_MODEL} (or
 * spark-submit's {@code spark.sparkinfer.model}), else a tiny random model (see {@link ExampleModel}).
 */
public final class SqlJob {

    /** Translations: one row per sentence; the struct result carries the token counts for the throughput. */
    static final String TRANSLATE = "SELECT id, lang, kind, text,"
            + " llm_translate(text, 'English', map('max_tokens', '%d', 'result', 'struct')) AS english FROM sentences";

    /** Sentiment of the reviews, next to the label the sample data gives. */
    static final String SENTIMENT = "SELECT id, lang, text, sentiment,"
            + " llm_classify(text, array('positive', 'negative', 'neutral'), map('result', 'struct')) AS predicted"
            + " FROM sentences WHERE kind = 'review'";

    public static void main(String[] args) {
        Map<String, String> a = Args.parse(args, Map.of("--data", "examples/data/sentences", "--rows", "0",
                "--max-tokens", "32"), "SqlJob [--data DIR] [--rows N (0 = all)] [--max-tokens N]");
        Path data = Path.of(a.get("--data")).toAbsolutePath();
        if (!Files.isDirectory(data)) {
            System.err.println("SqlJob: no sample data at " + data + "; run from the repository root or pass --data DIR");
            System.exit(2);
        }
        int rows = Integer.parseInt(a.get("--rows"));
        int maxTokens = Integer.parseInt(a.get("--max-tokens"));
        SparkSession spark = ExampleSession.start("sparkinfer SQL job", ExampleModel.resolve(false));
        try {
            spark.sql("CREATE OR REPLACE TEMPORARY VIEW all_sentences USING json OPTIONS (path '" + data + "')");
            spark.sql("CREATE OR REPLACE TEMPORARY VIEW sentences AS SELECT * FROM all_sentences"
                    + (rows > 0 ? " ORDER BY id LIMIT " + rows : ""));
            run(spark, maxTokens);
        } finally {
            spark.stop();
        }
    }

    private static void run(SparkSession spark, int maxTokens) {
        long started = System.nanoTime();
        List<Row> translated = spark.sql(String.format(Locale.ROOT, TRANSLATE, maxTokens)).orderBy("id")
                .collectAsList();
        double translateSeconds = (System.nanoTime() - started) / 1e9;
        started = System.nanoTime();
        List<Row> reviews = spark.sql(SENTIMENT).orderBy("id").collectAsList();
        double classifySeconds = (System.nanoTime() - started) / 1e9;

        System.out.println();
        System.out.println("Translations into English (one per language):");
        Map<String, Row> perLanguage = new LinkedHashMap<>();
        translated.forEach(r -> perLanguage.putIfAbsent(r.getString(1), r));
        for (Row r : perLanguage.values()) {
            Row t = r.getStruct(4);
            System.out.printf(Locale.ROOT, "  [%s] %s%n       -> %s%n", r.getString(1), clip(r.getString(3)),
                    t.isNullAt(0) ? "(failed: " + t.getString(4) + ")" : clip(t.getString(0)));
        }
        System.out.println();
        System.out.println("Review sentiment (first 5):");
        reviews.stream().limit(5).forEach(r -> System.out.printf(Locale.ROOT, "  [%s] %s%n       -> %s (labelled %s)%n",
                r.getString(1), clip(r.getString(2)), r.getStruct(4).getString(0), r.getString(3)));
        long agree = reviews.stream().filter(r -> r.getString(3).equals(r.getStruct(4).getString(0))).count();

        Totals t = Totals.of(translated, 4);
        Totals c = Totals.of(reviews, 4);
        System.out.println();
        System.out.printf(Locale.ROOT, "translate: %d rows (%d failed), %d prompt + %d generated tokens in %.1f s:"
                + " %.1f tokens/s%n", translated.size(), t.failed(), t.prompt(), t.generated(), translateSeconds,
                (t.prompt() + t.generated()) / translateSeconds);
        System.out.printf(Locale.ROOT, "classify:  %d reviews (%d failed), %d prompt tokens in %.1f s: %.1f tokens/s;"
                + " %d of %d agree with the sample's labels%n", reviews.size(), c.failed(), c.prompt(), classifySeconds,
                c.prompt() / classifySeconds, agree, reviews.size());
        System.out.printf(Locale.ROOT, "throughput: %.1f tokens/s over both queries%n",
                (t.prompt() + t.generated() + c.prompt() + c.generated()) / (translateSeconds + classifySeconds));
    }

    private static String clip(String s) {
        // a random model's tokens can be control characters or halves of a character: show them as spaces
        String one = s.replaceAll("[\\p{Cntrl}\\x{FFFD}]", " ");
        return one.length() <= 90 ? one : one.substring(0, 87) + "...";
    }

    /** Token counts and failures of the struct results in column {@code column}. */
    record Totals(long prompt, long generated, long failed) {
        static Totals of(List<Row> rows, int column) {
            long prompt = 0;
            long generated = 0;
            long failed = 0;
            for (Row r : rows) {
                Row s = r.getStruct(column);
                prompt += s.getInt(2);
                generated += s.getInt(3);
                failed += s.isNullAt(4) ? 0 : 1;
            }
            return new Totals(prompt, generated, failed);
        }
    }
}
