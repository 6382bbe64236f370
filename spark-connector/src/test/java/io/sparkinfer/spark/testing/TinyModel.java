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
    private static Path visionDirectory;

    private TinyModel() {
    }

    /** The model directory, written on first use. */
    public static synchronized Path directory() {
        if (directory == null) {
            directory = make("sparkinfer-tiny-model");
        }
        return directory;
    }

    /** The same kind of model with a small vision tower (image functions), written on first use. */
    public static synchronized Path withVision() {
        if (visionDirectory == null) {
            visionDirectory = make("sparkinfer-tiny-vision-model", "--vision");
        }
        return visionDirectory;
    }

    private static Path make(String name, String... extra) {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), name).toAbsolutePath();
        if (!Files.exists(dir.resolve("tokenizer.json"))) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
            String[] args = new String[4 + extra.length];
            System.arraycopy(new String[] {"make-tiny-model", "--out", dir.toString(), "--force"}, 0, args, 0, 4);
            System.arraycopy(extra, 0, args, 4, extra.length);
            int rc = Main.run(args, InputStream.nullInputStream(), out, out);
            if (rc != 0) {
                throw new UncheckedIOException(new IOException("make-tiny-model failed (exit " + rc + "): "
                        + log.toString(StandardCharsets.UTF_8)));
            }
            shortenContext(dir.resolve("config.json"));
        }
        return dir;
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
