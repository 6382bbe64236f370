package io.sparkinfer.spark.source;

import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.util.SerializableConfiguration;

/** Readers of {@link ImagePartition}s, with the driver's Hadoop configuration (broadcast) to open the files. */
record ImageReaderFactory(Broadcast<SerializableConfiguration> hadoopConf) implements PartitionReaderFactory {

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
        if (!(partition instanceof ImagePartition images)) {
            throw new IllegalArgumentException("[BUG] the image reader got a " + partition.getClass().getName());
        }
        return new ImageFileReader(images.files(), hadoopConf.value().value());
    }
}
