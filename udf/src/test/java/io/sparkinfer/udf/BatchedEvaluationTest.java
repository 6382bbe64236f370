package io.sparkinfer.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkinfer.engine.sched.EngineStats;
import io.sparkinfer.spark.conf.SessionSettings;
import io.sparkinfer.spark.executor.ExecutorEngines;
import io.sparkinfer.spark.metrics.LlmMetrics;
import io.sparkinfer.spark.testing.SparkSessionExtension;
import io.sparkinfer.spark.testing.TinyModel;
import io.sparkinfer.udf.batching.BatchLlmEvalExec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The batched-evaluation node: it really batches (mean batch fill above one within one partition), loses and
 * duplicates no row over 16 partitions, gives byte-identical rows when a task is retried, equals row-by-row
 * evaluation, and reports its metrics in the plan.
 */
class BatchedEvaluationTest {
    @RegisterExtension
    static final SparkSessionExtension SPARK = SparkSessionExtension.withConf(
            "spark.master=local[2,4]",
            "spark.sql.extensions=io.sparkinfer.udf.SparkInferExtensions",
            "spark.sparkinfer.model=" + TinyModel.path(),
            "spark.sparkinfer.maxRunning=256",
            "spark.sparkinfer.maxBatchTokens=2048",
            "spark.kryo.registrationRequired=true",
            "spark.kryo.registrator=io.sparkinfer.spark.SparkInferKryoRegistrator",
            "spark.sql.adaptive.enabled=false");

    /** Rows seen by the failing hook in the first attempt of its partition. */
    static final AtomicInteger HOOK_ROWS = new AtomicInteger();
    static final int FAILING_PARTITION = 5;

    private static Dataset<Row> input(SparkSession spark, int rows, int partitions) {
        return spark.range(rows).selectExpr("id", "concat('row ', id % 97, ' of the batch') AS text")
                .repartition(partitions);
    }

    private static EngineStats.Snapshot engineStats(SparkSession spark) {
        var conf = CollectionConverters.asJava(spark.conf().getAll());
        return ExecutorEngines.acquire(SessionSettings.from(conf).spec(), null).engine().stats();
    }

    @Test
    void twentyThousandRowsComeOutOnceAndARetriedTaskGivesTheSameBytes(SparkSession spark) {
        spark.udf().register("fail_once", (UDF1<Long, Long>) id -> {
            TaskContext task = TaskContext.get();
            if (task.partitionId() == FAILING_PARTITION && task.attemptNumber() == 0
                    && HOOK_ROWS.incrementAndGet() == 600) {
                throw new IllegalStateException("injected failure in partition " + FAILING_PARTITION);
            }
            return id;
        }, DataTypes.LongType);
        input(spark, 20_000, 16).createOrReplaceTempView("big");
        String generate = "llm_generate(text, map('max_tokens', '2', 'chat', 'false'))";

        List<Row> clean = spark.sql("SELECT id, " + generate + " AS g FROM big").collectAsList();
        HOOK_ROWS.set(0);
        List<Row> retried = spark.sql("SELECT fail_once(id) AS id, " + generate + " AS g FROM big").collectAsList();

        assertEquals(600, HOOK_ROWS.get(), "the hook failed one task once, at its 600th row");
        for (List<Row> rows : List.of(clean, retried)) {
            assertEquals(20_000, rows.size());
            Set<Long> ids = new HashSet<>();
            for (Row r : rows) {
                assertTrue(ids.add(r.getLong(0)), "duplicate id " + r.getLong(0));
                assertTrue(r.getString(1) != null, "row " + r.getLong(0) + " has a result");
            }
            assertEquals(20_000, ids.size());
        }
        assertEquals(sortedById(clean), sortedById(retried), "rows after a retry equal the clean run's");
    }

    @Test
    void onePartitionIsEvaluatedInBatchesAndItsMetricsAreInThePlan(SparkSession spark) {
        Dataset<Row> query = input(spark, 300, 1).selectExpr("id",
                "llm_generate(text, map('max_tokens', '3', 'chat', 'false', 'result', 'struct')) AS g");
        EngineStats.Snapshot before = engineStats(spark);
        List<Row> rows = query.collectAsList();
        EngineStats.Snapshot after = engineStats(spark);
        assertEquals(300, rows.size());

        BatchLlmEvalExec node = batchNode(query.queryExecution().executedPlan());
        long prompt = 0;
        long generated = 0;
        for (Row r : rows) {
            prompt += r.getStruct(1).getInt(2);
            generated += r.getStruct(1).getInt(3);
        }
        assertEquals(300, node.llmMetrics().get(LlmMetrics.ROWS).value());
        assertEquals(prompt, node.llmMetrics().get(LlmMetrics.PROMPT_TOKENS).value());
        assertEquals(generated, node.llmMetrics().get(LlmMetrics.GENERATED_TOKENS).value());
        assertEquals(0, node.llmMetrics().get(LlmMetrics.ERRORS).value());
        // Average metrics keep one decimal: the stored value is 10x the task's mean batch fill.
        double fill = node.llmMetrics().get(LlmMetrics.BATCH_FILL).value() / 10.0;
        double engineFill = (double) (after.stepSequences() - before.stepSequences()) / (after.steps() - before.steps());
        System.out.printf("one partition, 300 rows: mean batch fill %.1f (engine: %.2f sequences per step)%n", fill,
                engineFill);
        assertTrue(fill > 1 && engineFill > 1, "fill " + fill + ", engine " + engineFill);
        assertEquals(engineFill, fill, 0.1);
    }

    @Test
    void batchedEqualsRowByRow(SparkSession spark) {
        input(spark, 200, 4).createOrReplaceTempView("small");
        String call = "llm_classify(text, array('yes', 'no', 'maybe'))";
        String query = "SELECT id, " + call + " AS c FROM small WHERE " + call + " <> 'none'";
        assertEquals(2, batchNodeCount(spark.sql(query)), "the filter's call and the projection's call are lifted");
        List<Row> batched = spark.sql(query).collectAsList();
        spark.conf().set("spark.sparkinfer.batchedEvaluation", "false");
        try {
            assertEquals(0, batchNodeCount(spark.sql(query)));
            List<Row> rowByRow = spark.sql(query).collectAsList();
            assertEquals(200, rowByRow.size());
            assertEquals(sortedById(batched), sortedById(rowByRow));
        } finally {
            spark.conf().set("spark.sparkinfer.batchedEvaluation", "true");
        }
    }

    private static BatchLlmEvalExec batchNode(SparkPlan plan) {
        List<SparkPlan> found = CollectionConverters.asJava(plan.collect(new scala.runtime.AbstractPartialFunction<
                SparkPlan, SparkPlan>() {
            @Override
            public boolean isDefinedAt(SparkPlan p) {
                return p instanceof BatchLlmEvalExec;
            }

            @Override
            public <A1 extends SparkPlan, B1> B1 applyOrElse(A1 p, scala.Function1<A1, B1> fallback) {
                @SuppressWarnings("unchecked")
                B1 out = p instanceof BatchLlmEvalExec ? (B1) p : fallback.apply(p);
                return out;
            }
        }));
        assertEquals(1, found.size(), "one batched-evaluation node in\n" + plan);
        return (BatchLlmEvalExec) found.get(0);
    }

    private static int batchNodeCount(Dataset<Row> df) {
        return (int) df.queryExecution().executedPlan().collect(new scala.runtime.AbstractPartialFunction<
                SparkPlan, SparkPlan>() {
            @Override
            public boolean isDefinedAt(SparkPlan p) {
                return p instanceof BatchLlmEvalExec;
            }

            @Override
            public <A1 extends SparkPlan, B1> B1 applyOrElse(A1 p, scala.Function1<A1, B1> fallback) {
                @SuppressWarnings("unchecked")
                B1 out = p instanceof BatchLlmEvalExec ? (B1) p : fallback.apply(p);
                return out;
            }
        }).size();
    }

    private static List<String> sortedById(List<Row> rows) {
        return rows.stream().sorted(java.util.Comparator.comparingLong(r -> r.getLong(0))).map(Row::toString).toList();
    }
}
