package io.sparkinfer.engine.tokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Finds the Hugging Face tokenizer files given a model directory or the {@code tokenizer.json} file itself. */
final class TokenizerFiles {

    static final String TOKENIZER_JSON = "tokenizer.json";
    static final String TOKENIZER_CONFIG_JSON = "tokenizer_config.json";

    private TokenizerFiles() {}

    /**
     * Returns the {@code tokenizer.json} to load.
     *
     * @throws IllegalArgumentException when {@code path} does not exist or is a directory without tokenizer.json
     */
    static Path tokenizerJson(Path path) {
        Objects.requireNonNull(path, "tokenizer path must not be null");
        if (Files.isRegularFile(path)) {
            return path;
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("Tokenizer path " + path.toAbsolutePath() + " does not exist. Pass a"
                    + " model directory that holds " + TOKENIZER_JSON + ", or the " + TOKENIZER_JSON + " file itself.");
        }
        Path json = path.resolve(TOKENIZER_JSON);
        if (!Files.isRegularFile(json)) {
            throw new IllegalArgumentException("Directory " + path.toAbsolutePath() + " has no " + TOKENIZER_JSON
                    + " (it holds: " + listing(path) + "). sparkinfer needs the Hugging Face fast-tokenizer file;"
                    + " create it with transformers' AutoTokenizer.from_pretrained(...).save_pretrained(dir).");
        }
        return json;
    }

    /**
     * Returns {@code tokenizer_config.json} for a model directory or for the directory holding the given file.
     *
     * @throws IllegalArgumentException when there is none
     */
    static Path tokenizerConfigJson(Path path) {
        Objects.requireNonNull(path, "tokenizer config path must not be null");
        if (Files.isRegularFile(path)) {
            return path;
        }
        Path config = path.resolve(TOKENIZER_CONFIG_JSON);
        if (!Files.isRegularFile(config)) {
            throw new IllegalArgumentException("No " + TOKENIZER_CONFIG_JSON + " at " + path.toAbsolutePath()
                    + ". Pass the model directory that holds it, or the file itself.");
        }
        return config;
    }

    private static String listing(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            String names = files.map(p -> p.getFileName().toString()).sorted().limit(20)
                    .collect(Collectors.joining(", "));
            return names.isEmpty() ? "nothing" : names;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list directory " + dir.toAbsolutePath(), e);
        }
    }
}
