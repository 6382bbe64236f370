package io.sparkinfer.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.engine.sched.EngineStats;
import io.sparkinfer.engine.sched.InferenceEngine;
import io.sparkinfer.spark.conf.SessionSettings;
import io.sparkinfer.spark.executor.ExecutorEngines;
import io.sparkinfer.spark.testing.SparkSessionExtension;
import io.sparkinfer.spark.testing.TinyModel;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A task that stops reading early (a LIMIT was reached) cancels the rows it had in flight instead of letting the
 * engine compute them. The engine runs 16 sequences at a time, so when the first two rows are back most of the
 * 256 submitted rows have not started.
 */
class EarlyEndTest {
    @RegisterExtension
    static final SparkSessionExtension SPARK = SparkSessionExtension.withConf(
            "spark.master=local[2]",
            "spark.sql.extensions=io.sparkinfer.udf.SparkInferExtensions",
            "spark.sparkinfer.model=" + TinyModel.path(),
            "spark.sparkinfer.maxRunning=16",
            "spark.sparkinfer.maxInFlightPerTask=256",
            "spark.sql.adaptive.enabled=false");

    @Test
    void aLimitCancelsTheRowsStillInFlight(SparkSession spark) throws InterruptedException {
        var conf = CollectionConverters.asJava(spark.conf().getAll());
        InferenceEngine engine = ExecutorEngines.acquire(SessionSettings.from(conf).spec(), null).engine();
        EngineStats.Snapshot before = engine.stats();

        List<Row> rows = spark.range(1000).selectExpr("concat('row ', id, ' of the batch') AS text").repartition(1)
                .selectExpr("llm_generate(text, map('max_tokens', '40', 'ignore_eos', 'true', 'chat', 'false')) AS g")
                .limit(2).collectAsList();

        assertEquals(2, rows.size());
        assertTrue(engine.drain(Duration.ofSeconds(60)), "the engine has nothing left to do");
        EngineStats.Snapshot after = engine.stats();
        long cancelled = after.cancelled() - before.cancelled();
        long completed = after.completed() - before.completed();
        System.out.printf("LIMIT 2 over 1000 rows (256 in flight): %d requests completed, %d cancelled%n",
                completed, cancelled);
        assertTrue(completed + cancelled <= 257, "rows past the in-flight window never reach the engine: "
                + (completed + cancelled) + " requests");
        assertTrue(cancelled > 150, "most rows in flight were cancelled, not computed: " + cancelled + " cancelled, "
                + completed + " completed");
        assertEquals(0, after.cacheBytesInUse(), "cancelled requests free their cache");
    }
}
