package io.sparkinfer.spark.source;

import io.sparkinfer.spark.executor.EngineSpec;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.types.DataType;

/**
 * Readers of {@link SparkInferPartition}s: the input format's reader for the wrapped split, run through the engine.
 * Carries the engine spec, never an engine (each executor loads its own once).
 */
record SparkInferReaderFactory(PartitionReaderFactory input, RowTask task, int[] inputOrdinals,
        DataType[] inputTypes, DataType[] outputTypes, EngineSpec spec, int maxInFlight)
        implements PartitionReaderFactory {

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
        if (!(partition instanceof SparkInferPartition p)) {
            throw new IllegalArgumentException("[BUG] the sparkinfer reader got a " + partition.getClass().getName());
        }
        return new SparkInferReader(input.createReader(p.input()), task, inputOrdinals, inputTypes, outputTypes, spec,
                maxInFlight);
    }
}
