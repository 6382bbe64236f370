package io.sparkinfer.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** `logits` and `generate` on the fixtures reproduce the float64 goldens (logits within 1e-4, greedy ids equal). */
class LogitsAndGenerateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of("src/test/resources/fixtures/qwen35-tiny");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"dense_bf16, 0", "dense_bf16, 2", "moe_bf16, 0", "moe_bf16, 1"})
    void logitsMatchTheGolden(String fixture, int prompt) throws Exception {
        JsonNode golden = prompt(fixture, prompt);
        Path out = tmp.resolve("logits.json");

        CliRun run = CliRun.of("logits", "--model", ROOT.resolve(fixture).toString(), "--ids", ids(golden),
                "--out", out.toString(), "--backend", "reference");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode ours = JSON.readTree(out.toFile()).get("logits");
        JsonNode expected = golden.get("logits");
        assertEquals(expected.size(), ours.size(), "one row per position");
        double maxError = 0;
        double maxGolden = 0;
        for (int p = 0; p < expected.size(); p++) {
            assertEquals(expected.get(p).size(), ours.get(p).size(), "full vocabulary at position " + p);
            for (int v = 0; v < expected.get(p).size(); v++) {
                maxError = Math.max(maxError, Math.abs(ours.get(p).get(v).asDouble() - expected.get(p).get(v).asDouble()));
                maxGolden = Math.max(maxGolden, Math.abs(expected.get(p).get(v).asDouble()));
            }
        }
        assertTrue(maxError / maxGolden < 1e-4, "relative error " + maxError / maxGolden);
    }

    @ParameterizedTest
    @CsvSource({"dense_bf16, 0", "dense_bf16, 1", "moe_bf16, 2"})
    void generatePrintsTheGoldenGreedyTokens(String fixture, int prompt) throws Exception {
        JsonNode golden = prompt(fixture, prompt);

        CliRun run = CliRun.of("generate", "--model", ROOT.resolve(fixture).toString(), "--ids", ids(golden),
                "--max-tokens", "8", "--backend", "reference");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(golden.get("greedy8"), JSON.readTree(run.out()).get("ids"), run::toString);
    }

    @org.junit.jupiter.api.Test
    void activationsDumpMatchesTheGoldenActivations() throws Exception {
        JsonNode golden = prompt("dense_bf16", 0);
        Path dump = tmp.resolve("acts.json");

        CliRun run = CliRun.of("logits", "--model", ROOT.resolve("dense_bf16").toString(), "--ids", ids(golden),
                "--out", tmp.resolve("l.json").toString(), "--dump-activations", dump.toString(), "--backend", "reference");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode ours = JSON.readTree(dump.toFile());
        JsonNode expected = JSON.readTree(ROOT.resolve("goldens/dense_bf16.activations.json").toFile());
        assertTrue(ours.has("embed") && ours.has("L7.out") && ours.has("final_norm") && ours.has("L0.linear_attn.out"),
                "named taps present");
        assertTrue(maxRelativeError(ours.get("L3.out"), goldenActivation(expected, 3)) < 1e-4);
    }

    /** The golden hidden state after decoder layer {@code layer}: [positions, hidden]. */
    private static JsonNode goldenActivation(JsonNode file, int layer) {
        return file.get("after_layer").get(layer);
    }

    private static double maxRelativeError(JsonNode ours, JsonNode golden) {
        double maxError = 0;
        double maxGolden = 0;
        for (int r = 0; r < golden.size(); r++) {
            for (int c = 0; c < golden.get(r).size(); c++) {
                maxError = Math.max(maxError, Math.abs(ours.get(r).get(c).asDouble() - golden.get(r).get(c).asDouble()));
                maxGolden = Math.max(maxGolden, Math.abs(golden.get(r).get(c).asDouble()));
            }
        }
        return maxError / maxGolden;
    }

    @org.junit.jupiter.api.Test
    void idsOutsideTheVocabularyAreRefusedByPosition() {
        CliRun run = CliRun.of("logits", "--model", ROOT.resolve("dense_bf16").toString(), "--ids", "1,2,512",
                "--backend", "reference");

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("id 512 at position 2 is outside the model's vocabulary of 512"), run.err());
    }

    private static JsonNode prompt(String fixture, int index) throws Exception {
        return JSON.readTree(ROOT.resolve("goldens").resolve(fixture + ".json").toFile()).get("prompts").get(index);
    }

    private static String ids(JsonNode prompt) {
        List<String> ids = new ArrayList<>();
        prompt.get("ids").forEach(id -> ids.add(id.asText()));
        return ids.stream().collect(Collectors.joining(","));
    }
}
