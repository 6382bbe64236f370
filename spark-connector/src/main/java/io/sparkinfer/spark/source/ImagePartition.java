package io.sparkinfer.spark.source;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;

/** A contiguous group of the listed image files. */
record ImagePartition(List<File> files) implements InputPartition {

    /** One file as the driver listed it. */
    record File(String path, long modificationTime, long length) implements Serializable {
    }
}
