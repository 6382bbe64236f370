package io.sparkinfer.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** `bench` keeps its contract: the last line is one JSON object with the five figures (no timing asserted). */
class BenchCommandTest {

    @Test
    void lastLineIsTheJsonSummary() throws Exception {
        CliRun run = CliRun.of("bench", "--model", "src/test/resources/fixtures/qwen35-tiny/moe_bf16", "--batch", "3",
                "--prompt-len", "5", "--gen-len", "2", "--requests", "4", "--warmup", "0", "--backend", "reference");

        assertEquals(0, run.exitCode(), run::toString);
        String[] lines = run.out().strip().split("\n");
        JsonNode summary = new ObjectMapper().readTree(lines[lines.length - 1]);
        for (String key : new String[] {"prefill_tok_s", "decode_tok_s", "total_tok_s", "peak_rss_mb"}) {
            assertTrue(summary.get(key).asDouble() > 0, key + " in " + summary);
        }
        assertEquals(4 / 6.0, summary.get("mean_batch_fill").asDouble(), 1e-3, "4 requests in 2 batches of 3");
    }
}
