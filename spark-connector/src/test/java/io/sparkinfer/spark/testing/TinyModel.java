package io.sparkinfer.spark.testing;

import io.sparkinfer.engine.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tiny random Qwen3.5 model with its small tokenizer ({@code make-tiny-model}), written once per JVM under
 * {@code java.io.tmpdir} (the module's target directory in Maven). Its outputs are not meaningful text, but they
 * are deterministic, which is all the Spark tests need. Its context is cut to {@link #CONTEXT} tokens so that
 * tests can send an over-long prompt cheaply.
 */
public final class TinyModel {
    /** The model's context length (max_position_embeddings) in tokens. */
    public static final int CONTEXT = 2048;
    private static Path directory;

    private TinyModel() {
    }

    /** The model directory, written on first use. */
    public static synchronized Path directory() {
        if (directory == null) {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "sparkinfer-tiny-model").toAbsolutePath();
            if (!Files.exists(dir.resolve("tokenizer.json"))) {
                ByteArrayOutputStream log = new ByteArrayOutputStream();
                PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
                int rc = Main.run(new String[] {"make-tiny-model", "--out", dir.toString(), "--force"},
                        InputStream.nullInputStream(), out, out);
                if (rc != 0) {
                    throw new UncheckedIOException(new IOException("make-tiny-model failed (exit " + rc + "): "
                            + log.toString(StandardCharsets.UTF_8)));
                }
                shortenContext(dir.resolve("config.json"));
            }
            directory = dir;
        }
        return directory;
    }

    private static void shortenContext(Path config) {
        try {
            String json = Files.readString(config);
            String shorter = json.replaceFirst("\"max_position_embeddings\" : \\d+",
                    "\"max_position_embeddings\" : " + CONTEXT);
            if (shorter.equals(json)) {
                throw new IOException("no max_position_embeddings in " + config);
            }
            Files.writeString(config, shorter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #directory()} as a string, for {@code spark.sparkinfer.model}. */
    public static String path() {
        return directory().toString();
    }
}
