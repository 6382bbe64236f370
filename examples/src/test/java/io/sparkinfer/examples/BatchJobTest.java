package io.sparkinfer.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.spark.testing.TinyModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduled batch job over the sample data: one output row per input row, the same after a re-run over the same
 * output path; a failed run leaves the previous output alone; the exit codes say what happened.
 */
class BatchJobTest {
    static final String DATA = "data/sentences";
    static final int SAMPLE_ROWS = 300;

    @TempDir
    Path dir;

    private static List<Row> read(Path output) {
        SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
                .getOrCreate();
        try {
            return spark.read().parquet(output.toString()).select("id", "text", "result").collectAsList();
        } finally {
            spark.stop();
        }
    }

    @Test
    void runsTwiceOverTheSameOutputWithOneRowPerInputRow() {
        Path out = dir.resolve("translated");
        String[] args = {DATA, out.toString(), "translate", TinyModel.path(), "--option", "target_language=English",
            "--option", "max_tokens=3"};
        assertEquals(0, BatchJob.run(args));
        List<Row> first = read(out);
        assertEquals(SAMPLE_ROWS, first.size());
        assertEquals(SAMPLE_ROWS, first.stream().map(r -> r.getLong(0)).distinct().count(), "each input row once");
        assertTrue(first.stream().allMatch(r -> r.getStruct(2).isNullAt(4)), "no row failed");

        assertEquals(0, BatchJob.run(args), "a re-run over the same output path");
        List<Row> second = read(out);
        assertEquals(SAMPLE_ROWS, second.size(), "replaced, not appended");
        assertEquals(SAMPLE_ROWS, second.stream().map(r -> r.getLong(0)).distinct().count());
    }

    @Test
    void aFailedRunKeepsThePreviousOutputAndExitsOne() {
        Path out = dir.resolve("embedded");
        assertEquals(0, BatchJob.run(new String[] {DATA + "/questions.jsonl", out.toString(), "embed",
            TinyModel.path()}));
        assertEquals(96, read(out).size());
        assertEquals(1, BatchJob.run(new String[] {DATA + "/questions.jsonl", out.toString(), "embed",
            dir.resolve("no-such-model").toString()}));
        assertEquals(1, BatchJob.run(new String[] {DATA, out.toString(), "summarise", TinyModel.path()}));
        assertEquals(96, read(out).size(), "the previous output is still there");
        assertEquals(2, BatchJob.run(new String[] {DATA, out.toString()}));
    }

    @Test
    void tooManyFailedRowsExitThree() throws IOException {
        Path input = dir.resolve("long.jsonl");
        Files.write(input, List.of("{\"id\": 1, \"text\": \"short\"}", "{\"id\": 2, \"text\": \""
                + "word ".repeat(TinyModel.CONTEXT + 5) + "\"}"), StandardCharsets.UTF_8);
        Path out = dir.resolve("generated");
        String[] args = {input.toString(), out.toString(), "generate", TinyModel.path(), "--option", "max_tokens=2"};
        assertEquals(0, BatchJob.run(args), "failed rows are allowed by default");
        String[] strict = {input.toString(), out.toString(), "generate", TinyModel.path(), "--option", "max_tokens=2",
            "--max-error-rows", "0"};
        assertEquals(3, BatchJob.run(strict));
        List<Row> rows = read(out);
        assertEquals(2, rows.size(), "written either way");
    }
}
