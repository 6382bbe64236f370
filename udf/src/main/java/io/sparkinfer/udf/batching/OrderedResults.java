package io.sparkinfer.udf.batching;

import io.sparkinfer.engine.runtime.InferenceResult;
import io.sparkinfer.spark.metrics.LlmMetrics;
import io.sparkinfer.spark.task.TaskEngine;
import io.sparkinfer.spark.task.Begin;
import io.sparkinfer.udf.functions.LlmFunction;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.util.TaskCompletionListener;

/**
 * One task's rows through the engine: keeps up to {@code maxInFlightPerTask} rows submitted, returns them in
 * input order with the results appended, and records the task's metrics. When the task ends early (a LIMIT was
 * reached, the task was killed) the requests still in flight are cancelled.
 */
final class OrderedResults implements Iterator<InternalRow> {

    /** A row waiting for its results: a value per call, or the engine's future for it. */
    private static final class Pending {
        final InternalRow row;
        final Object[] values;
        final CompletableFuture<InferenceResult>[] futures;

        @SuppressWarnings("unchecked")
        Pending(InternalRow row, int calls) {
            this.row = row;
            this.values = new Object[calls];
            this.futures = new CompletableFuture[calls];
        }
    }

    private final Iterator<InternalRow> input;
    private final List<LlmFunction> calls;
    private final UnsafeProjection project;
    private final LlmMetrics metrics;
    private final int maxInFlight;
    private final TaskEngine engine;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean finished;

    OrderedResults(Iterator<InternalRow> input, List<LlmFunction> calls, List<DataType> outputTypes,
            LlmMetrics metrics) {
        this.input = input;
        this.calls = calls;
        this.project = UnsafeProjection.create(outputTypes.toArray(new DataType[0]));
        this.metrics = metrics;
        this.maxInFlight = calls.get(0).settings().maxInFlightPerTask();
        this.engine = new TaskEngine(calls.get(0).settings().spec());
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) context -> close());
        }
    }

    @Override
    public boolean hasNext() {
        fill();
        if (queue.isEmpty()) {
            finish();
            return false;
        }
        return true;
    }

    @Override
    public InternalRow next() {
        fill();
        Pending p = queue.poll();
        if (p == null) {
            throw new NoSuchElementException("no more rows in this partition");
        }
        for (int i = 0; i < calls.size(); i++) {
            if (p.futures[i] != null) {
                LlmFunction call = calls.get(i);
                InferenceResult r = engine.await(p.futures[i], call.functionName());
                p.futures[i] = null;
                p.values[i] = call.complete(r);
            }
        }
        engine.countRow();
        return project.apply(new JoinedRow(p.row, new GenericInternalRow(p.values)));
    }

    private void fill() {
        while (queue.size() < maxInFlight && input.hasNext()) {
            InternalRow row = input.next().copy();
            Pending p = new Pending(row, calls.size());
            for (int i = 0; i < calls.size(); i++) {
                Begin begin = calls.get(i).begin(row);
                if (begin.needsEngine()) {
                    p.futures[i] = engine.submit(begin.request());
                } else {
                    p.values[i] = begin.value();
                    if (begin.failed()) {
                        engine.countFailure();
                    }
                }
            }
            queue.add(p);
        }
    }

    /** The task's metrics, once, when its rows are done or it ends early. */
    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        TaskEngine.Counts c = engine.counts();
        metrics.add(LlmMetrics.ROWS, c.rows());
        metrics.add(LlmMetrics.PROMPT_TOKENS, c.promptTokens());
        metrics.add(LlmMetrics.GENERATED_TOKENS, c.generatedTokens());
        metrics.add(LlmMetrics.ERRORS, c.errors());
        metrics.add(LlmMetrics.LOAD_TIME, c.loadMillis());
        metrics.add(LlmMetrics.EVAL_TIME, c.evalMillis());
        if (c.usedEngine()) {
            metrics.set(LlmMetrics.TOKENS_PER_SECOND, c.tokensPerSecond());
            metrics.set(LlmMetrics.BATCH_FILL, c.batchFill());
        }
    }

    /** Cancels what is still in flight (an early end); the engine drops those requests at its next step. */
    private void close() {
        engine.cancelInFlight();
        queue.clear();
        finish();
    }
}
