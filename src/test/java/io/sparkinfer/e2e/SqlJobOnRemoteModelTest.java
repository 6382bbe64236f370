package io.sparkinfer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.engine.runtime.EngineModel;
import io.sparkinfer.engine.runtime.GenerateOptions;
import io.sparkinfer.engine.runtime.InferenceRequest;
import io.sparkinfer.engine.runtime.Prompt;
import io.sparkinfer.engine.sched.EngineOptions;
import io.sparkinfer.engine.sched.InferenceEngine;
import io.sparkinfer.kernels.Backends;
import io.sparkinfer.kernels.api.Backend;
import io.sparkinfer.spark.testing.SparkSessionExtension;
import io.sparkinfer.spark.testing.TinyModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole plugin as a user configures it: plugin, extension and Kryo registrator, the model given as a
 * {@code file://} URI (a Hadoop filesystem, copied into the executor's local cache), a SQL query over several
 * partitions, results equal to the engine's outside Spark.
 */
class SqlJobOnRemoteModelTest {
    private static final Path CACHE = Path.of(System.getProperty("java.io.tmpdir"), "e2e-model-cache");

    @RegisterExtension
    static final SparkSessionExtension SPARK = SparkSessionExtension.withConf(
            "spark.plugins=io.sparkinfer.spark.SparkInferPlugin",
            "spark.sql.extensions=io.sparkinfer.udf.SparkInferExtensions",
            "spark.kryo.registrator=io.sparkinfer.spark.SparkInferKryoRegistrator",
            "spark.kryo.registrationRequired=true",
            "spark.sparkinfer.model=" + TinyModel.directory().toUri(),
            "spark.sparkinfer.localCacheDir=" + CACHE,
            "spark.sparkinfer.eagerLoad=true");

    @Test
    void aSqlQueryOverAFileUriModelEqualsTheEngine(SparkSession spark) throws Exception {
        List<String> texts = List.of("hello there", "wie geht's", "今日は", "un deux trois", "x");
        List<Row> rows = spark.createDataset(texts, org.apache.spark.sql.Encoders.STRING()).toDF("t").repartition(3)
                .selectExpr("t", "llm_generate(t, map('max_tokens', '5')) AS g").collectAsList();
        assertEquals(texts.size(), rows.size());
        try (var dirs = Files.list(CACHE)) {
            assertTrue(dirs.anyMatch(p -> Files.exists(p.resolve("model.safetensors"))),
                    "the executor copied the model into " + CACHE);
        }
        try (Backend backend = Backends.cpuOrReference(2);
                EngineModel model = EngineModel.load(TinyModel.directory(), backend);
                InferenceEngine engine = new InferenceEngine(model, EngineOptions.defaults())) {
            for (Row r : rows) {
                String expected = engine.submit(InferenceRequest.generate(new Prompt.Chat("", r.getString(0), false),
                        GenerateOptions.DEFAULTS.withMaxTokens(5))).get().text();
                assertEquals(expected, r.getString(1), "row " + r.getString(0));
            }
        }
    }
}
