package io.sparkinfer.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The quick start's main job over the first rows of the sample data, with the tiny random model and its banner. */
class SqlJobTest {

    @Test
    void printsResultsAndTheThroughput() {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            SqlJob.main(new String[] {"--data", "data/sentences", "--rows", "40", "--max-tokens", "3"});
        } finally {
            System.setOut(saved);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        if (System.getenv("SPARKINFER_MODEL") == null) {
            assertTrue(out.contains("RANDOM model"), "the banner");
        }
        assertTrue(out.contains("translate: 40 rows (0 failed)"), out);
        assertTrue(out.matches("(?s).*classify: +\\d+ reviews \\(0 failed\\).*"), out);
        assertTrue(out.matches("(?s).*throughput: \\d+\\.\\d tokens/s.*"), out);
    }
}
