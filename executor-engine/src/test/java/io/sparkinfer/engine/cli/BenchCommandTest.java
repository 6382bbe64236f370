package io.sparkinfer.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** `bench` keeps its contract: the last line is one JSON object with the figures (no timing asserted). */
class BenchCommandTest {
    private static final String MOE = "src/test/resources/fixtures/qwen35-tiny/moe_bf16";

    @Test
    void generateReportsPrefillDecodeAndBatchFill() throws Exception {
        CliRun run = CliRun.of("bench", "--model", MOE, "--batch", "3", "--prompt-len", "5", "--gen-len", "4",
                "--requests", "6", "--warmup", "0", "--shared-prefix", "0", "--backend", "reference");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode summary = summary(run);
        for (String key : new String[] {"prefill_tok_s", "decode_tok_s", "total_tok_s", "peak_rss_mb", "peak_cache_mb"}) {
            assertTrue(summary.get(key).asDouble() >= 0, key + " in " + summary);
        }
        assertTrue(summary.get("total_tok_s").asDouble() > 0, summary.toString());
        assertTrue(summary.get("decode_tok_s").asDouble() > 0, summary.toString());
        assertTrue(summary.get("mean_batch_fill").asDouble() > 1, "three sequences in flight: " + summary);
        assertTrue(run.out().contains("30 prompt tokens (30 computed, 0 from the prefix cache) and 24 generated"),
                run.out());
    }

    @Test
    void aSharedPrefixIsComputedOnceAndEmbeddingsDecodeNothing() throws Exception {
        CliRun run = CliRun.of("bench", "--model", MOE, "--batch", "4", "--prompt-len", "80", "--requests", "4",
                "--warmup", "0", "--shared-prefix", "0.5", "--task", "embed", "--prefill-chunk", "64");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("320 prompt tokens (200 computed, 120 from the prefix cache) and 0 generated"),
                run.out());
        assertEquals(0, summary(run).get("decode_tok_s").asDouble());
    }

    @Test
    void badOptionsSayWhatIsExpected() {
        CliRun run = CliRun.of("bench", "--model", MOE, "--shared-prefix", "2");
        assertEquals(Main.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--shared-prefix must be a fraction from 0 to 1, got '2'"), run.err());
    }

    private static JsonNode summary(CliRun run) throws Exception {
        String[] lines = run.out().strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }
}
