package io.sparkinfer.udf.batching;

import io.sparkinfer.spark.metrics.LlmMetrics;
import io.sparkinfer.udf.functions.LlmFunction;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;

/** The per-partition function of {@link BatchLlmEvalExec}: serializable, it carries the bound calls, never an engine. */
final class PartitionEvaluation implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
    private static final long serialVersionUID = 1L;

    private final List<LlmFunction> calls;
    private final List<DataType> outputTypes;
    private final LlmMetrics metrics;

    PartitionEvaluation(List<LlmFunction> calls, List<DataType> outputTypes, LlmMetrics metrics) {
        this.calls = List.copyOf(calls);
        this.outputTypes = List.copyOf(outputTypes);
        this.metrics = metrics;
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
        return new OrderedResults(rows, calls, outputTypes, metrics);
    }
}
