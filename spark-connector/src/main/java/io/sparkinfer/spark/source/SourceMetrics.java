package io.sparkinfer.spark.source;

import io.sparkinfer.spark.metrics.LlmMetrics;
import io.sparkinfer.spark.task.TaskEngine;
import org.apache.spark.sql.connector.metric.CustomAvgMetric;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/**
 * The Spark UI metrics of a sparkinfer source scan, with the names and meanings of the SQL functions' batched
 * evaluation ({@link LlmMetrics}); the scan's own {@code numOutputRows} counts the rows. Spark makes each metric
 * class on the driver by name, so each is a class.
 */
final class SourceMetrics {

    private SourceMetrics() {
    }

    static CustomMetric[] all() {
        return new CustomMetric[] {new PromptTokens(), new GeneratedTokens(), new Errors(),
            new TokensPerSecond(), new BatchFill(), new LoadTime(), new EvalTime()};
    }

    /** A task's values; the averages only when the task used the engine. */
    static CustomTaskMetric[] of(TaskEngine.Counts c) {
        CustomTaskMetric[] sums = {task(LlmMetrics.PROMPT_TOKENS, c.promptTokens()),
            task(LlmMetrics.GENERATED_TOKENS, c.generatedTokens()), task(LlmMetrics.ERRORS, c.errors()),
            task(LlmMetrics.LOAD_TIME, c.loadMillis()), task(LlmMetrics.EVAL_TIME, c.evalMillis())};
        if (!c.usedEngine()) {
            return sums;
        }
        CustomTaskMetric[] out = java.util.Arrays.copyOf(sums, sums.length + 2);
        // average metrics hold milli-units: CustomAvgMetric shows the mean of the task values
        out[sums.length] = task(LlmMetrics.TOKENS_PER_SECOND, Math.round(c.tokensPerSecond() * 1000));
        out[sums.length + 1] = task(LlmMetrics.BATCH_FILL, Math.round(c.batchFill() * 1000));
        return out;
    }

    private static CustomTaskMetric task(String name, long value) {
        return new CustomTaskMetric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long value() {
                return value;
            }
        };
    }

    /** An average of milli-unit task values, shown in units. */
    abstract static class Average extends CustomAvgMetric {
        @Override
        public String aggregateTaskMetrics(long[] taskMetrics) {
            if (taskMetrics.length == 0) {
                return "0";
            }
            double sum = 0;
            for (long v : taskMetrics) {
                sum += v;
            }
            return String.format(java.util.Locale.ROOT, "%.2f", sum / taskMetrics.length / 1000.0);
        }
    }

    public static final class PromptTokens extends CustomSumMetric {
        @Override public String name() { return LlmMetrics.PROMPT_TOKENS; }
        @Override public String description() { return "prompt tokens"; }
    }

    public static final class GeneratedTokens extends CustomSumMetric {
        @Override public String name() { return LlmMetrics.GENERATED_TOKENS; }
        @Override public String description() { return "generated tokens"; }
    }

    public static final class Errors extends CustomSumMetric {
        @Override public String name() { return LlmMetrics.ERRORS; }
        @Override public String description() { return "rows with errors"; }
    }

    public static final class LoadTime extends CustomSumMetric {
        @Override public String name() { return LlmMetrics.LOAD_TIME; }
        @Override public String description() { return "model load time (ms)"; }
    }

    public static final class EvalTime extends CustomSumMetric {
        @Override public String name() { return LlmMetrics.EVAL_TIME; }
        @Override public String description() { return "evaluation time (ms)"; }
    }

    public static final class TokensPerSecond extends Average {
        @Override public String name() { return LlmMetrics.TOKENS_PER_SECOND; }
        @Override public String description() { return "tokens/s per task"; }
    }

    public static final class BatchFill extends Average {
        @Override public String name() { return LlmMetrics.BATCH_FILL; }
        @Override public String description() { return "mean batch fill (sequences per engine step)"; }
    }
}
