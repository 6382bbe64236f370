package io.sparkinfer.spark.source;

import org.apache.spark.sql.connector.read.InputPartition;

/** One input split (as the input format planned it), read and run through the engine by one task. */
record SparkInferPartition(InputPartition input) implements InputPartition {

    @Override
    public String[] preferredLocations() {
        return input.preferredLocations();
    }
}
