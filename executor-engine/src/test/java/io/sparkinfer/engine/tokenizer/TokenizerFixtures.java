package io.sparkinfer.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Paths to and readers for the tokenizer fixtures (Surefire runs with the module directory as working dir). */
final class TokenizerFixtures {

    static final Path ROOT = Paths.get("src/test/resources/fixtures/tokenizer");
    static final Path QWEN3_DIR = ROOT.resolve("qwen3");
    static final ObjectMapper JSON = new ObjectMapper();

    private TokenizerFixtures() {}

    /** The 40 public strings with their golden ids, tokens and decoded texts. */
    static List<JsonNode> publicStrings() {
        return jsonLines(ROOT.resolve("public.jsonl"));
    }

    /** The 6 conversations rendered with Qwen3's chat template. */
    static List<JsonNode> templateConversations() {
        return jsonLines(ROOT.resolve("template_public.jsonl"));
    }

    static List<JsonNode> jsonLines(Path file) {
        try {
            List<JsonNode> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).intValue();
        }
        return out;
    }
}
