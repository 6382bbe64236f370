package io.sparkinfer.spark.metrics;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.apache.spark.sql.execution.metric.SQLMetrics;

/**
 * The Spark UI metrics of sparkinfer's batched evaluation: rows, tokens in and out, failed rows, tokens per
 * second and mean batch fill per task (shown as min / median / max over tasks), and the time tasks spent loading
 * the model. Created on the driver with the plan; each task adds to its copies.
 */
public final class LlmMetrics implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String ROWS = "numOutputRows";
    public static final String PROMPT_TOKENS = "promptTokens";
    public static final String GENERATED_TOKENS = "generatedTokens";
    public static final String ERRORS = "errorRows";
    public static final String TOKENS_PER_SECOND = "tokensPerSecond";
    public static final String BATCH_FILL = "meanBatchFill";
    public static final String LOAD_TIME = "modelLoadTime";
    public static final String EVAL_TIME = "evaluationTime";

    private final Map<String, SQLMetric> metrics;

    private LlmMetrics(Map<String, SQLMetric> metrics) {
        this.metrics = metrics;
    }

    public static LlmMetrics create(SparkContext sc) {
        Map<String, SQLMetric> m = new LinkedHashMap<>();
        m.put(ROWS, SQLMetrics.createMetric(sc, "number of output rows"));
        m.put(PROMPT_TOKENS, SQLMetrics.createMetric(sc, "prompt tokens"));
        m.put(GENERATED_TOKENS, SQLMetrics.createMetric(sc, "generated tokens"));
        m.put(ERRORS, SQLMetrics.createMetric(sc, "rows with errors"));
        m.put(TOKENS_PER_SECOND, SQLMetrics.createAverageMetric(sc, "tokens/s per task"));
        m.put(BATCH_FILL, SQLMetrics.createAverageMetric(sc, "mean batch fill (sequences per engine step)"));
        m.put(LOAD_TIME, SQLMetrics.createTimingMetric(sc, "model load time", -1L));
        m.put(EVAL_TIME, SQLMetrics.createTimingMetric(sc, "evaluation time", -1L));
        return new LlmMetrics(m);
    }

    /** For {@code SparkPlan.metrics()}. */
    public Map<String, SQLMetric> all() {
        return metrics;
    }

    public SQLMetric get(String name) {
        SQLMetric m = metrics.get(name);
        if (m == null) {
            throw new IllegalArgumentException("[BUG] no sparkinfer metric named " + name + "; known: "
                    + metrics.keySet());
        }
        return m;
    }

    public void add(String name, long value) {
        get(name).add(value);
    }

    /** For average metrics: this task's value. */
    public void set(String name, double value) {
        get(name).set(value);
    }
}
