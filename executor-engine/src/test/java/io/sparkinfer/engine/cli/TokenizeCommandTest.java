package io.sparkinfer.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkinfer.engine.tokenizer.TextTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `tokenize` through the command line: the 40 golden strings, the one-line-in one-line-out contract. */
class TokenizeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/tokenizer");
    private static final Path QWEN3 = FIXTURES.resolve("qwen3");

    @Test
    void everyGoldenStringEncodesToItsIdsThroughTheCli() throws Exception {
        List<JsonNode> goldens = goldens();
        StringBuilder stdin = new StringBuilder();
        for (JsonNode g : goldens) {
            stdin.append(JSON.createObjectNode().put("text", g.get("text").asText())).append('\n');
        }
        CliRun run = CliRun.withInput(stdin.toString(), "tokenize", "--model", QWEN3.toString());

        assertEquals(0, run.exitCode(), run::toString);
        String[] lines = run.out().split("\n");
        assertEquals(40, goldens.size());
        assertEquals(goldens.size(), lines.length, "one output line per input line");
        for (int i = 0; i < goldens.size(); i++) {
            assertEquals(goldens.get(i).get("ids"), JSON.readTree(lines[i]).get("ids"), goldens.get(i).get("id").asText());
        }
    }

    @Test
    void aDirectoryWithOnlyTheTokenizerFileIsEnough(@TempDir Path dir) throws Exception {
        Files.copy(QWEN3.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, "{\"text\": \"<|im_start|>user\\nHi<|im_end|>\"}\n");

        CliRun run = CliRun.of("tokenize", "--model", dir.toString(), "--jsonl", input.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(idsLine("<|im_start|>user\nHi<|im_end|>"), run.out().strip());
        assertTrue(run.out().startsWith("{\"ids\":[151644,"), "<|im_start|> is one special token: " + run.out());
    }

    @Test
    void aBadLineGivesAnErrorLineInItsPlaceAndTheOthersStillComeOut() {
        String stdin = "{\"text\": \"Hello\"}\nnot json\n{\"txt\": \"x\"}\n\n{\"text\": \" world\"}\n";

        CliRun run = CliRun.withInput(stdin, "tokenize", "--model", QWEN3.toString());

        assertEquals(1, run.exitCode(), run::toString);
        String[] lines = run.out().split("\n", -1);
        assertEquals(6, lines.length, run::toString); // 5 lines + the final newline
        assertEquals(idsLine("Hello"), lines[0]);
        assertTrue(lines[1].startsWith("{\"error\":\"line 2: not valid JSON"), lines[1]);
        assertTrue(lines[2].contains("line 3: the object has no string field \\\"text\\\""), lines[2]);
        assertTrue(lines[3].contains("line 4"), lines[3]);
        assertEquals(idsLine(" world"), lines[4]);
        assertTrue(run.err().contains("line 2"), run.err());
    }

    @Test
    void aMissingModelDirectorySaysSo() {
        CliRun run = CliRun.of("tokenize", "--model", "no/such-dir-or-hub-id-xyz/extra");

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("no/such-dir-or-hub-id-xyz/extra"), run.err());
    }

    /** What the Java API gives for one text, as the CLI's output line. */
    private static String idsLine(String text) {
        try (TextTokenizer tokenizer = TextTokenizer.load(QWEN3)) {
            var node = JSON.createObjectNode();
            var ids = node.putArray("ids");
            for (int id : tokenizer.encode(text)) {
                ids.add(id);
            }
            return node.toString();
        }
    }

    private static List<JsonNode> goldens() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(FIXTURES.resolve("public.jsonl"))) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }
}
