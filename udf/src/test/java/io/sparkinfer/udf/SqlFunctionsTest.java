package io.sparkinfer.udf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.engine.runtime.GenerateOptions;
import io.sparkinfer.engine.runtime.InferenceRequest;
import io.sparkinfer.engine.runtime.InferenceResult;
import io.sparkinfer.engine.runtime.Pooling;
import io.sparkinfer.engine.runtime.Prompt;
import io.sparkinfer.spark.conf.SessionSettings;
import io.sparkinfer.spark.executor.ExecutorEngines;
import io.sparkinfer.spark.testing.SparkSessionExtension;
import io.sparkinfer.spark.testing.TinyModel;
import io.sparkinfer.spark.task.TaskRequests;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The SQL functions on a real local session (local[2], Kryo with registration required) against a direct engine
 * call on the same inputs; NULL and bad-row behaviour; one model load per executor JVM.
 */
class SqlFunctionsTest {
    @RegisterExtension
    static final SparkSessionExtension SPARK = SparkSessionExtension.withConf(
            "spark.sql.extensions=io.sparkinfer.udf.SparkInferExtensions",
            "spark.sparkinfer.model=" + TinyModel.path(),
            "spark.sparkinfer.maxRunning=61",
            "spark.kryo.registrationRequired=true",
            "spark.kryo.registrator=io.sparkinfer.spark.SparkInferKryoRegistrator",
            "spark.sql.adaptive.enabled=false");

    private static final List<String> TEXTS = List.of("The quick brown fox", "Grüße aus Zürich", "東京は晴れ",
            "a", "Which is the capital of France?", "¿Dónde está la biblioteca?", "1 2 3 4 5 6 7 8 9 10");
    private static DirectEngine direct;

    @BeforeAll
    static void start(SparkSession spark) {
        direct = new DirectEngine(TinyModel.directory());
        spark.createDataFrame(rows(), Doc.class).repartition(3).createOrReplaceTempView("docs");
    }

    @AfterAll
    static void stop() {
        direct.close();
    }

    public static final class Doc implements java.io.Serializable {
        private int id;
        private String text;

        public Doc() {
        }

        Doc(int id, String text) {
            this.id = id;
            this.text = text;
        }

        public int getId() {
            return id;
        }

        public void setId(int id) {
            this.id = id;
        }

        public String getText() {
            return text;
        }

        public void setText(String text) {
            this.text = text;
        }
    }

    private static List<Doc> rows() {
        List<Doc> docs = new java.util.ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            docs.add(new Doc(i, TEXTS.get(i)));
        }
        docs.add(new Doc(TEXTS.size(), null));
        return docs;
    }

    private static List<Row> sql(SparkSession spark, String query) {
        return spark.sql(query).collectAsList();
    }

    @Test
    void generateEqualsTheEngineAndNullGivesNull(SparkSession spark) {
        List<Row> rows = sql(spark, "SELECT id, llm_generate(text, map('max_tokens', 6)) AS g FROM docs ORDER BY id");
        assertEquals(TEXTS.size() + 1, rows.size());
        for (int i = 0; i < TEXTS.size(); i++) {
            InferenceResult expected = direct.run(InferenceRequest.generate(new Prompt.Chat("", TEXTS.get(i), false),
                    GenerateOptions.DEFAULTS.withMaxTokens(6)));
            assertEquals(expected.text(), rows.get(i).getString(1), "row " + i);
        }
        assertTrue(rows.get(TEXTS.size()).isNullAt(1), "NULL prompt gives NULL");
    }

    @Test
    void callsInsideSqlViewsUseTheSessionSettings(SparkSession spark) {
        // a view is analysed with its captured SQL conf, which has no spark.sparkinfer.* keys
        spark.sql("CREATE OR REPLACE TEMPORARY VIEW generated AS SELECT id, llm_generate(text, map('max_tokens', '6'))"
                + " AS g FROM docs");
        spark.sql("CACHE TABLE cached_generated AS SELECT id, llm_generate(text, map('max_tokens', '6')) AS g"
                + " FROM docs");
        try {
            List<Row> fromView = sql(spark, "SELECT id, g FROM generated ORDER BY id");
            List<Row> cached = sql(spark, "SELECT id, g FROM cached_generated ORDER BY id");
            List<Row> direct = sql(spark, "SELECT id, llm_generate(text, map('max_tokens', '6')) AS g FROM docs"
                    + " ORDER BY id");
            assertEquals(direct, fromView);
            assertEquals(direct, cached);
            assertNotNull(direct.get(0).getString(1));
        } finally {
            spark.sql("UNCACHE TABLE cached_generated");
        }
    }

    @Test
    void sampledGenerationWithASeedEqualsTheEngine(SparkSession spark) {
        List<Row> rows = sql(spark, "SELECT id, llm_generate(text, map('max_tokens', '5', 'temperature', '0.8',"
                + " 'top_k', '20', 'seed', '7', 'chat', 'false')) AS g FROM docs WHERE text IS NOT NULL ORDER BY id");
        for (int i = 0; i < TEXTS.size(); i++) {
            InferenceResult expected = direct.run(InferenceRequest.generate(Prompt.text(TEXTS.get(i)),
                    GenerateOptions.DEFAULTS.withOptions(Map.of("max_tokens", "5", "temperature", "0.8", "top_k", "20",
                            "seed", "7"))));
            assertEquals(expected.text(), rows.get(i).getString(1), "row " + i);
        }
    }

    @Test
    void embedEqualsTheEngine(SparkSession spark) {
        List<Row> rows = sql(spark, "SELECT id, llm_embed(text) AS e, llm_embed(text, map('pooling', 'mean')) AS m"
                + " FROM docs ORDER BY id");
        for (int i = 0; i < TEXTS.size(); i++) {
            float[] last = direct.run(InferenceRequest.embed(Prompt.text(TEXTS.get(i)), Pooling.LAST)).embedding();
            float[] mean = direct.run(InferenceRequest.embed(Prompt.text(TEXTS.get(i)), Pooling.MEAN)).embedding();
            assertArrayEquals(last, floats(rows.get(i).getList(1)), "row " + i);
            assertArrayEquals(mean, floats(rows.get(i).getList(2)), "row " + i);
        }
        assertTrue(rows.get(TEXTS.size()).isNullAt(1));
    }

    @Test
    void classifyAndTranslateEqualTheEngine(SparkSession spark) {
        List<String> labels = List.of("positive", "negative", "neutral");
        List<Row> rows = sql(spark, "SELECT id, llm_classify(text, array('positive', 'negative', 'neutral')) AS c,"
                + " llm_translate(text, 'French', map('max_tokens', '4')) AS t FROM docs ORDER BY id");
        for (int i = 0; i < TEXTS.size(); i++) {
            InferenceResult c = direct.run(InferenceRequest.classify(
                    new Prompt.Chat(TaskRequests.classifyInstruction(labels), TEXTS.get(i), false), labels));
            InferenceResult t = direct.run(InferenceRequest.generate(
                    new Prompt.Chat(TaskRequests.translateInstruction("French"), TEXTS.get(i), false),
                    GenerateOptions.DEFAULTS.withMaxTokens(4)));
            assertEquals(c.label(), rows.get(i).getString(1), "row " + i);
            assertTrue(labels.contains(rows.get(i).getString(1)));
            assertEquals(t.text(), rows.get(i).getString(2), "row " + i);
        }
        assertTrue(rows.get(TEXTS.size()).isNullAt(1));
        assertTrue(rows.get(TEXTS.size()).isNullAt(2));
    }

    @Test
    void badOptionsAndOverLongPromptsFailOnlyTheirRow(SparkSession spark) {
        String longText = "word ".repeat(TinyModel.CONTEXT);
        spark.sql("SELECT 1 AS id, 'hello' AS text UNION ALL SELECT 2, '" + longText + "' UNION ALL SELECT 3, 'again'")
                .createOrReplaceTempView("mixed");
        List<Row> rows = sql(spark, "SELECT id, llm_generate(text, map('max_tokens', '3')) AS plain,"
                + " llm_generate(text, map('max_tokens', '3', 'result', 'struct')) AS s,"
                + " llm_generate(text, map('max_tokens', '-1')) AS bad FROM mixed ORDER BY id");
        assertEquals(3, rows.size());
        assertNotNull(rows.get(0).getString(1));
        assertNull(rows.get(1).getString(1), "the over-long prompt gives NULL");
        Row error = rows.get(1).getStruct(2);
        assertEquals("error", error.getString(1));
        assertTrue(error.getString(4).contains("context"), error.getString(4));
        Row ok = rows.get(2).getStruct(2);
        assertEquals(rows.get(2).getString(1), ok.getString(0));
        assertNull(ok.get(4));
        assertTrue(ok.getInt(2) > 0 && ok.getInt(3) > 0, ok.toString());
        for (Row r : rows) {
            assertTrue(r.isNullAt(3), "max_tokens=-1 gives NULL: " + r);
        }
        List<Row> unknown = sql(spark, "SELECT llm_embed('x', map('temperature', '1', 'result', 'struct')) AS e");
        assertTrue(unknown.get(0).getStruct(0).getString(4).contains("unknown option 'temperature' for llm_embed"),
                unknown.get(0).toString());
    }

    @Test
    void failOnErrorFailsTheJobWithTheRowsMessage(SparkSession spark) {
        spark.conf().set("spark.sparkinfer.failOnError", "true");
        try {
            Exception e = assertThrows(Exception.class, () -> sql(spark,
                    "SELECT id, llm_generate(text, map('max_tokens', '0')) FROM docs"));
            assertTrue(messages(e).contains("max_tokens must be at least 1, got 0"), messages(e));
        } finally {
            spark.conf().set("spark.sparkinfer.failOnError", "false");
        }
    }

    @Test
    void theModelLoadsOncePerExecutorJvm(SparkSession spark) {
        for (int partitions : new int[] {1, 4, 8}) {
            spark.table("docs").repartition(partitions).createOrReplaceTempView("docs_" + partitions);
            assertEquals(TEXTS.size() + 1, sql(spark, "SELECT llm_embed(text) FROM docs_" + partitions).size());
            assertEquals(TEXTS.size() + 1,
                    sql(spark, "SELECT id FROM docs_" + partitions + " WHERE llm_generate(text, map('max_tokens','1'))"
                            + " IS NOT NULL OR id >= 0").size());
        }
        var conf = CollectionConverters.asJava(spark.conf().getAll());
        assertEquals(1, ExecutorEngines.loadCount(SessionSettings.from(conf).spec()));
    }

    private static float[] floats(List<Object> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (Float) values.get(i);
        }
        return out;
    }

    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append(" | ");
        }
        return sb.toString();
    }
}
