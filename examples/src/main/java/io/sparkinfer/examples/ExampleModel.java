package io.sparkinfer.examples;

import io.sparkinfer.engine.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model an example runs: {@code SPARKINFER_MODEL} (a local Hugging Face directory or a hub id) when set, else a
 * tiny random Qwen3.5 made on first use, whose outputs are not meaningful: it shows the job working, not the model.
 */
final class ExampleModel {
    /** Where the tiny models are kept between runs (system property {@code sparkinfer.examples.cache}). */
    static final Path CACHE = Path.of(System.getProperty("sparkinfer.examples.cache",
            Path.of(System.getProperty("java.io.tmpdir"), "sparkinfer-examples").toString()));

    private ExampleModel() {
    }

    /**
     * {@code spark.sparkinfer.model} when spark-submit set it, else {@code SPARKINFER_MODEL}, else the tiny random
     * model ({@code vision}: with a vision tower), announced by a banner.
     */
    static String resolve(boolean vision) {
        scala.Option<String> submitted = new org.apache.spark.SparkConf().getOption("spark.sparkinfer.model");
        if (submitted.isDefined()) {
            System.out.println("model: " + submitted.get() + " (spark.sparkinfer.model)");
            return submitted.get();
        }
        String configured = System.getenv("SPARKINFER_MODEL");
        if (configured != null && !configured.isBlank()) {
            System.out.println("model: " + configured + " (SPARKINFER_MODEL)");
            return configured.strip();
        }
        Path dir = CACHE.resolve(vision ? "tiny-random-vision-model" : "tiny-random-model").toAbsolutePath();
        if (!Files.exists(dir.resolve("tokenizer.json"))) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
            String[] args = vision ? new String[] {"make-tiny-model", "--out", dir.toString(), "--force", "--vision"}
                    : new String[] {"make-tiny-model", "--out", dir.toString(), "--force"};
            if (Main.run(args, InputStream.nullInputStream(), out, out) != 0) {
                throw new IllegalStateException("could not make the tiny example model in " + dir + ": "
                        + log.toString(StandardCharsets.UTF_8));
            }
        }
        String rule = "=".repeat(100);
        System.out.println(rule);
        System.out.println("SPARKINFER_MODEL is not set: running a tiny RANDOM model (" + dir + ").");
        System.out.println("Its outputs are NOT meaningful text; they show the job working end to end. For real results:");
        System.out.println("  SPARKINFER_MODEL=/models/Qwen3.5-0.8B (a local Hugging Face directory) or"
                + " SPARKINFER_MODEL=Qwen/Qwen3.5-0.8B (a hub id).");
        System.out.println(rule);
        return dir.toString();
    }
}
