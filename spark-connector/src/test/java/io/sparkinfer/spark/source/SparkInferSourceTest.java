package io.sparkinfer.spark.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.spark.conf.SessionSettings;
import io.sparkinfer.spark.executor.ExecutorEngines;
import io.sparkinfer.spark.testing.SparkSessionExtension;
import io.sparkinfer.spark.testing.TinyModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code format("sparkinfer")} on a local session: each input format gives its columns plus the result, one row per
 * input row; partitions follow the input files; NULL and failing rows stay rows; bad options fail at planning.
 */
class SparkInferSourceTest {
    @RegisterExtension
    static final SparkSessionExtension SPARK = SparkSessionExtension.withConf(
            "spark.sparkinfer.model=" + TinyModel.path(),
            "spark.sparkinfer.option.max_tokens=3",
            "spark.kryo.registrationRequired=true",
            "spark.kryo.registrator=io.sparkinfer.spark.SparkInferKryoRegistrator",
            "spark.sql.adaptive.enabled=false");

    private static final List<String> TEXTS = List.of("The harbour reopened after the storm.", "Le musée ouvre ses"
            + " portes ce week-end.", "Wie spät ist es in Tokio?", "この店のラーメンは最高でした。", "¿Dónde está la estación?");

    @TempDir
    static Path dir;

    @BeforeAll
    static void write(SparkSession spark) throws IOException {
        Files.write(dir.resolve("lines.txt"), TEXTS, StandardCharsets.UTF_8);
        List<String> json = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            json.add("{\"id\": " + i + ", \"lang\": \"x" + i + "\", \"text\": \"" + TEXTS.get(i) + "\"}");
        }
        Files.write(dir.resolve("docs.jsonl"), json, StandardCharsets.UTF_8);
        spark.read().json(dir.resolve("docs.jsonl").toString()).write().parquet(dir.resolve("docs.parquet").toString());
        Files.createDirectories(dir.resolve("parts"));
        for (int f = 0; f < 3; f++) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 4 + f; i++) {
                lines.add("{\"id\": " + (100 * f + i) + ", \"text\": \"file " + f + " row " + i + "\"}");
            }
            Files.write(dir.resolve("parts/part-" + f + ".jsonl"), lines, StandardCharsets.UTF_8);
        }
    }

    private static DataFrameReader source(SparkSession spark) {
        return spark.read().format("sparkinfer");
    }

    @Test
    void textLinesGiveValueAndResult(SparkSession spark) {
        Dataset<Row> df = source(spark).load(dir.resolve("lines.txt").toString());
        assertEquals(new StructType().add("value", DataTypes.StringType).add("result", DataTypes.StringType),
                df.schema());
        List<Row> rows = df.collectAsList();
        assertEquals(TEXTS.size(), rows.size());
        for (Row r : rows) {
            assertTrue(TEXTS.contains(r.getString(0)), r.getString(0));
            assertFalse(r.isNullAt(1), "every line has a result");
        }
    }

    @Test
    void jsonLinesKeepTheirColumns(SparkSession spark) {
        Dataset<Row> df = source(spark).option("task", "embed").load(dir.resolve("docs.jsonl").toString());
        assertEquals(List.of("id", "lang", "text", "result"), List.of(df.schema().fieldNames()));
        assertEquals(DataTypes.createArrayType(DataTypes.FloatType, false), df.schema().apply("result").dataType());
        List<Row> rows = df.orderBy("id").collectAsList();
        assertEquals(TEXTS.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(TEXTS.get(i), rows.get(i).getString(2));
            assertEquals(64, rows.get(i).getList(3).size(), "the tiny model's hidden size");
        }
    }

    @Test
    void parquetWithATemplateAndTheStructShape(SparkSession spark) {
        Dataset<Row> df = source(spark).option("prompt", "Answer in {lang}: {text}").option("result", "struct")
                .load(dir.resolve("docs.parquet").toString());
        StructType result = (StructType) df.schema().apply("result").dataType();
        assertEquals(List.of("text", "finish_reason", "prompt_tokens", "completion_tokens", "error"),
                List.of(result.fieldNames()));
        List<Row> rows = df.collectAsList();
        assertEquals(TEXTS.size(), rows.size());
        for (Row r : rows) {
            Row s = r.getStruct(r.fieldIndex("result"));
            assertNull(s.get(4), "no error");
            assertTrue(s.getInt(3) >= 1 && s.getInt(3) <= 3, "max_tokens from the session default: " + s.getInt(3));
        }
    }

    @Test
    void threeFilesGiveThreePartitionsAndEveryRow(SparkSession spark) {
        Dataset<Row> df = source(spark).load(dir.resolve("parts").toString());  // json, from the file names
        assertTrue(df.rdd().getNumPartitions() >= 3, "partitions: " + df.rdd().getNumPartitions());
        List<Row> rows = df.collectAsList();
        assertEquals(4 + 5 + 6, rows.size());
        assertEquals(15, rows.stream().filter(r -> !r.isNullAt(r.fieldIndex("result"))).count());
    }

    @Test
    void theScanShowsTheFunctionsMetrics(SparkSession spark) {
        Dataset<Row> df = source(spark).option("result", "struct").load(dir.resolve("docs.jsonl").toString());
        List<Row> rows = df.collectAsList();
        long prompt = rows.stream().mapToLong(r -> r.getStruct(3).getInt(2)).sum();
        long generated = rows.stream().mapToLong(r -> r.getStruct(3).getInt(3)).sum();
        org.apache.spark.sql.execution.SparkPlan scan = df.queryExecution().executedPlan().collectLeaves().head();
        Map<String, org.apache.spark.sql.execution.metric.SQLMetric> m =
                scala.jdk.javaapi.CollectionConverters.asJava(scan.metrics());
        assertEquals(TEXTS.size(), m.get("numOutputRows").value());
        assertEquals(prompt, m.get("promptTokens").value());
        assertEquals(generated, m.get("generatedTokens").value());
        assertEquals(0, m.get("errorRows").value());
        assertTrue(m.get("tokensPerSecond").value() > 0, "tokens/s: " + m.get("tokensPerSecond").value());
        assertTrue(m.get("meanBatchFill").value() > 0, "batch fill: " + m.get("meanBatchFill").value());
    }

    @Test
    void aQueryThatDoesNotReadTheResultDoesNotLoadTheModel(SparkSession spark) {
        Map<String, String> conf = Map.of("spark.sparkinfer.model", TinyModel.path(), "spark.sparkinfer.maxRunning",
                "7");
        Dataset<Row> df = source(spark).option("maxRunning", "7").load(dir.resolve("docs.jsonl").toString());
        assertEquals(TEXTS.size(), df.count());
        assertEquals(List.of(0L, 1L), df.select("id").orderBy("id").limit(2).collectAsList().stream()
                .map(r -> r.getLong(0)).toList());
        assertEquals(0, ExecutorEngines.loadCount(SessionSettings.from(conf).spec()), "no engine for this spec");
        assertEquals(TEXTS.size(), df.select("result").collectAsList().size());
        assertEquals(1, ExecutorEngines.loadCount(SessionSettings.from(conf).spec()), "loaded once it was read");
    }

    @Test
    void nullAndOverlongRowsStayRows(SparkSession spark) throws IOException {
        Path file = dir.resolve("mixed.jsonl");
        String longText = "word ".repeat(TinyModel.CONTEXT + 10);
        Files.write(file, List.of("{\"id\": 1, \"text\": \"fine\"}", "{\"id\": 2, \"text\": null}",
                "{\"id\": 3, \"text\": \"" + longText + "\"}"), StandardCharsets.UTF_8);
        List<Row> rows = source(spark).option("result", "struct").load(file.toString()).orderBy("id").collectAsList();
        assertEquals(3, rows.size());
        assertNull(rows.get(0).getStruct(2).get(4));
        assertTrue(rows.get(1).isNullAt(2), "NULL in, NULL out");
        Row failed = rows.get(2).getStruct(2);
        assertEquals("error", failed.getString(1));
        assertTrue(failed.getString(4).contains("context"), failed.getString(4));
        System.out.println("over-long row: " + failed.getString(4));
    }

    @Test
    void badOptionsFailWhenTheQueryIsPlanned(SparkSession spark) {
        String docs = dir.resolve("docs.jsonl").toString();
        assertMessage(() -> source(spark).option("task", "summarise").load(docs), "summarise", "generate, translate");
        assertMessage(() -> source(spark).option("task", "classify").load(docs), "labels", "positive,negative");
        assertMessage(() -> source(spark).option("task", "translate").load(docs), "target_language");
        assertMessage(() -> source(spark).option("prompt", "Summarize {body}").load(docs), "'body'", "id, lang, text");
        assertMessage(() -> source(spark).option("output_column", "lang").load(docs), "'lang'", "output_column");
        assertMessage(() -> source(spark).option("max_tokens", "many").load(docs), "max_tokens");
        assertMessage(() -> source(spark).load(dir.toString()), "format", "text, json, parquet or image");
        assertMessage(() -> source(spark).option("task", "caption").load(docs), "image");
        assertMessage(() -> source(spark).option("model", dir.resolve("nowhere").toString()).load(docs).collect(),
                "nowhere", "does not exist");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String... parts) {
        Throwable e = assertThrows(Exception.class, call);
        while (!(e instanceof IllegalArgumentException) && e.getCause() != null) {
            e = e.getCause();
        }
        String m = e.getMessage();
        for (String p : parts) {
            assertTrue(m.contains(p), "'" + p + "' in: " + m);
        }
    }
}
