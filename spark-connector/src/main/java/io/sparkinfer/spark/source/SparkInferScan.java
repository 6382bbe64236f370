package io.sparkinfer.spark.source;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.StructType;

/** A planned read: its output columns, and one batch of partitions that follow the input splits. */
final class SparkInferScan implements Scan {
    private final SourcePlan plan;
    private final StructType output;
    private final InputPartition[] inputs;
    private final SparkInferReaderFactory factory;

    SparkInferScan(SourcePlan plan, StructType output, InputPartition[] inputs, SparkInferReaderFactory factory) {
        this.plan = plan;
        this.output = output;
        this.inputs = inputs;
        this.factory = factory;
    }

    @Override
    public StructType readSchema() {
        return output;
    }

    @Override
    public String description() {
        SourceOptions o = plan.options();
        return "sparkinfer " + o.task().id() + " over " + o.format().name().toLowerCase(java.util.Locale.ROOT) + " "
                + o.paths() + (factory.task() == null ? " (result not read: the model does not run)" : "")
                + ", model " + o.settings().spec().model();
    }

    @Override
    public Batch toBatch() {
        return new SparkInferBatch(inputs, factory);
    }

    @Override
    public CustomMetric[] supportedCustomMetrics() {
        return SourceMetrics.all();
    }
}
