package io.sparkinfer.spark.source;

import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;

/** One partition per input split, each read by a {@link SparkInferReader}. */
final class SparkInferBatch implements Batch {
    private final InputPartition[] inputs;
    private final SparkInferReaderFactory factory;

    SparkInferBatch(InputPartition[] inputs, SparkInferReaderFactory factory) {
        this.inputs = inputs;
        this.factory = factory;
    }

    @Override
    public InputPartition[] planInputPartitions() {
        InputPartition[] out = new InputPartition[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            out[i] = new SparkInferPartition(inputs[i]);
        }
        return out;
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        return factory;
    }
}
