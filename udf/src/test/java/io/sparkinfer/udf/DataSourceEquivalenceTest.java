package io.sparkinfer.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.spark.testing.SparkSessionExtension;
import io.sparkinfer.spark.testing.TinyModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code format("sparkinfer")} gives, row for row, what the SQL functions give on the same inputs and options. */
class DataSourceEquivalenceTest {
    @RegisterExtension
    static final SparkSessionExtension SPARK = SparkSessionExtension.withConf(
            "spark.sql.extensions=io.sparkinfer.udf.SparkInferExtensions",
            "spark.sparkinfer.model=" + TinyModel.path(),
            "spark.kryo.registrationRequired=true",
            "spark.kryo.registrator=io.sparkinfer.spark.SparkInferKryoRegistrator",
            "spark.sql.adaptive.enabled=false");

    private static final List<String> TEXTS = List.of("The quick brown fox", "Grüße aus Zürich", "東京は晴れ", "a",
            "Which is the capital of France?", "¿Dónde está la biblioteca?", "1 2 3 4 5 6 7 8 9 10");

    @TempDir
    static Path dir;
    private static String docs;

    @BeforeAll
    static void write(SparkSession spark) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            lines.add("{\"id\": " + i + ", \"lang\": \"" + (i % 2 == 0 ? "French" : "German") + "\", \"text\": \""
                    + TEXTS.get(i) + "\"}");
        }
        docs = dir.resolve("docs.jsonl").toString();
        Files.write(Path.of(docs), lines, StandardCharsets.UTF_8);
        spark.read().json(docs).createOrReplaceTempView("docs");
    }

    private static Map<Long, Object> byId(List<Row> rows, String column) {
        Map<Long, Object> out = new HashMap<>();
        for (Row r : rows) {
            Object v = r.get(r.fieldIndex(column));
            out.put(r.getLong(r.fieldIndex("id")), v instanceof scala.collection.Seq<?> s
                    ? scala.jdk.javaapi.CollectionConverters.asJava(s) : v);
        }
        assertEquals(rows.size(), out.size(), "one row per id");
        return out;
    }

    private void assertSame(SparkSession spark, String sql, Map<String, String> options) {
        Map<Long, Object> expected = byId(spark.sql(sql).collectAsList(), "r");
        Map<Long, Object> actual = byId(spark.read().format("sparkinfer").options(options).load(docs)
                .collectAsList(), "result");
        assertEquals(TEXTS.size(), expected.size());
        assertTrue(expected.values().stream().filter(v -> v != null && !v.toString().isEmpty()).count() >= 3,
                "most rows have a result to compare: " + expected);
        assertEquals(expected, actual, "the source equals " + sql);
    }

    @Test
    void generate(SparkSession spark) {
        assertSame(spark, "SELECT id, llm_generate(text, map('max_tokens', '5')) AS r FROM docs",
                Map.of("max_tokens", "5"));
    }

    @Test
    void generateWithATemplateAndSampling(SparkSession spark) {
        assertSame(spark, "SELECT id, llm_generate(concat('Answer in ', lang, ': ', text), map('max_tokens', '6',"
                + " 'temperature', '0.8', 'seed', '11', 'system', 'Be brief.')) AS r FROM docs",
                Map.of("prompt", "Answer in {lang}: {text}", "max_tokens", "6", "temperature", "0.8", "seed", "11",
                        "system", "Be brief."));
    }

    @Test
    void translateToAColumn(SparkSession spark) {
        assertSame(spark, "SELECT id, llm_translate(text, lang, map('max_tokens', '5', 'result', 'struct')) AS r"
                + " FROM docs", Map.of("task", "translate", "target_language", "{lang}", "max_tokens", "5",
                        "result", "struct"));
    }

    @Test
    void classify(SparkSession spark) {
        assertSame(spark, "SELECT id, llm_classify(text, array('question', 'statement', 'other')) AS r FROM docs",
                Map.of("task", "classify", "labels", "question, statement, other"));
    }

    @Test
    void embed(SparkSession spark) {
        assertSame(spark, "SELECT id, llm_embed(text, map('pooling', 'mean')) AS r FROM docs",
                Map.of("task", "embed", "pooling", "mean"));
    }

    @Test
    void sessionDefaultsApplyToBoth(SparkSession spark) {
        spark.conf().set("spark.sparkinfer.option.max_tokens", "2");
        try {
            assertSame(spark, "SELECT id, llm_generate(text) AS r FROM docs", Map.of());
            Row one = spark.read().format("sparkinfer").option("result", "struct").load(docs).first();
            assertTrue(one.getStruct(one.fieldIndex("result")).getInt(3) <= 2, "max_tokens from the session");
            assertNull(one.getStruct(one.fieldIndex("result")).get(4));
        } finally {
            spark.conf().unset("spark.sparkinfer.option.max_tokens");
        }
    }
}
