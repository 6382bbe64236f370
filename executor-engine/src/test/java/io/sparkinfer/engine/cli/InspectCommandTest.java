package io.sparkinfer.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `inspect` on both fixture checkpoints, and on one whose config disagrees with its weights. */
class InspectCommandTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/qwen35-tiny");

    @Test
    void denseFixture() {
        CliRun run = CliRun.of("inspect", "--model", FIXTURES.resolve("dense_bf16").toString(), "--tensors");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("qwen3_5 (Qwen3_5ForConditionalGeneration)"), run.out());
        assertTrue(run.out().contains("LLLF LLLF (L = Gated DeltaNet x6, F = gated full attention x2 at 3, 7)"), run.out());
        assertTrue(run.out().contains("dense SwiGLU, intermediate 128"), run.out());
        assertTrue(run.out().contains("142 checked against config.json"), run.out());
        assertTrue(run.out().contains("15 mtp.* tensors"), run.out());
        assertTrue(run.out().contains("BF16 "), run.out());
        assertTrue(run.out().contains("F32 "), "A_log is stored as F32: " + run.out());
        assertTrue(run.out().contains("model.language_model.layers.3.self_attn.q_proj.weight"), run.out());
        assertTrue(run.out().contains("[512, 64]"), run.out());
    }

    @Test
    void moeFixtureFromShards() {
        CliRun run = CliRun.of("inspect", "--model", FIXTURES.resolve("moe_bf16").toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("qwen3_5_moe (Qwen3_5MoeForConditionalGeneration)"), run.out());
        assertTrue(run.out().contains("sparse MoE, 8 experts, top-2, expert intermediate 32, shared expert 48 (fused"),
                run.out());
        assertTrue(run.out().contains("2 safetensors file(s)"), run.out());
        assertTrue(run.out().contains("174 checked"), run.out());
    }

    @Test
    void aConfigThatDisagreesWithTheWeightsFailsNamingTheTensorAndBothShapes(@TempDir Path dir) throws Exception {
        Path source = FIXTURES.resolve("dense_bf16");
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = (ObjectNode) json.readTree(dir.resolve("config.json").toFile());
        ((ObjectNode) config.get("text_config")).put("intermediate_size", 96);
        Files.writeString(dir.resolve("config.json"), config.toPrettyString());

        CliRun run = CliRun.of("inspect", "--model", dir.toString());

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("model.language_model.layers.0.mlp.gate_proj.weight"), run.err());
        assertTrue(run.err().contains("[128, 64]") && run.err().contains("[96, 64]"), run.err());
    }

    @Test
    void unknownOptionsAndCommandsAreUsageErrors() {
        CliRun badOption = CliRun.of("inspect", "--modle", "x");
        assertEquals(2, badOption.exitCode(), badOption::toString);
        assertTrue(badOption.err().contains("unknown option --modle"), badOption.err());

        CliRun badCommand = CliRun.of("inspekt");
        assertEquals(2, badCommand.exitCode(), badCommand::toString);
        assertTrue(badCommand.err().contains("unknown command 'inspekt'"), badCommand.err());

        CliRun help = CliRun.of("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("make-tiny-model"), help.out());
    }
}
