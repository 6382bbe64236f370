package io.sparkinfer.spark.source;

import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.types.StructType;

/**
 * The rows the source reads before the model sees them, planned on the driver: their schema, and (for a chosen
 * subset of columns) the partitions, which follow the input splits, and the factory of their readers.
 */
interface InputFiles {

    /** Every input column. */
    StructType schema();

    /** The rows with only {@code columns} (a subset of {@link #schema()}), or more where the format reads them anyway. */
    Scan prune(StructType columns);

    /** A planned read: the schema its readers return, its partitions and its reader factory. */
    record Scan(StructType readSchema, InputPartition[] partitions, PartitionReaderFactory readerFactory) {
    }
}
