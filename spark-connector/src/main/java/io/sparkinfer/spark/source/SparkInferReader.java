package io.sparkinfer.spark.source;

import io.sparkinfer.engine.runtime.InferenceResult;
import io.sparkinfer.spark.executor.EngineSpec;
import io.sparkinfer.spark.task.Begin;
import io.sparkinfer.spark.task.TaskEngine;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.types.DataType;

/**
 * One partition's rows through the executor's engine: reads input rows ahead, keeping up to
 * {@code maxInFlightPerTask} of them submitted, and returns them in input order as the selected input columns
 * followed by the result. Closing it early (a LIMIT, a killed task) cancels what is still in flight.
 */
final class SparkInferReader implements PartitionReader<InternalRow> {

    /** An input row (copied) and its result: a value, or the engine's future for it. */
    private static final class Pending {
        final InternalRow row;
        Object value;
        CompletableFuture<InferenceResult> future;

        Pending(InternalRow row) {
            this.row = row;
        }
    }

    private final PartitionReader<InternalRow> input;
    private final RowTask task;         // null: the query reads no result column
    private final int[] inputOrdinals;  // the output's input columns, as ordinals of the input rows
    private final DataType[] inputTypes;
    private final UnsafeProjection project;
    private final TaskEngine engine;
    private final int maxInFlight;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean inputDone;
    private InternalRow current;

    SparkInferReader(PartitionReader<InternalRow> input, RowTask task, int[] inputOrdinals, DataType[] inputTypes,
            DataType[] outputTypes, EngineSpec spec, int maxInFlight) {
        this.input = input;
        this.task = task;
        this.inputOrdinals = inputOrdinals;
        this.inputTypes = inputTypes;
        this.project = UnsafeProjection.create(outputTypes);
        this.engine = new TaskEngine(spec);
        this.maxInFlight = maxInFlight;
    }

    @Override
    public boolean next() throws IOException {
        fill();
        Pending p = queue.poll();
        if (p == null) {
            return false;
        }
        if (p.future != null) {
            p.value = task.complete(engine.await(p.future, task.caller()));
            p.future = null;
        }
        Object[] values = new Object[inputOrdinals.length + (task == null ? 0 : 1)];
        for (int i = 0; i < inputOrdinals.length; i++) {
            values[i] = p.row.isNullAt(inputOrdinals[i]) ? null : p.row.get(inputOrdinals[i], inputTypes[i]);
        }
        if (task != null) {
            values[inputOrdinals.length] = p.value;
        }
        current = project.apply(new GenericInternalRow(values));
        engine.countRow();
        return true;
    }

    @Override
    public InternalRow get() {
        return current;
    }

    @Override
    public CustomTaskMetric[] currentMetricsValues() {
        return SourceMetrics.of(engine.counts());
    }

    @Override
    public void close() throws IOException {
        engine.cancelInFlight();
        queue.clear();
        input.close();
    }

    private void fill() throws IOException {
        int window = task == null ? 1 : maxInFlight;
        while (!inputDone && queue.size() < window) {
            if (!input.next()) {
                inputDone = true;
                return;
            }
            Pending p = new Pending(input.get().copy());
            if (task != null) {
                Begin begin = task.begin(p.row);
                if (begin.needsEngine()) {
                    p.future = engine.submit(begin.request());
                } else {
                    p.value = begin.value();
                    if (begin.failed()) {
                        engine.countFailure();
                    }
                }
            }
            queue.add(p);
        }
    }
}
