package io.sparkinfer.spark.source;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.execution.datasources.FilePartition;
import org.apache.spark.sql.execution.datasources.PartitionedFile;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * Text, JSON lines or Parquet input through Spark's own V2 file source for the format: its file listing, schema
 * inference, splits and readers; one partition per split.
 */
final class SparkFileInput implements InputFiles {
    private final SupportsRead table;
    private final CaseInsensitiveStringMap options;

    SparkFileInput(InputFormat format, CaseInsensitiveStringMap options) {
        Table t = format.sparkSource().getTable(options);
        if (!(t instanceof SupportsRead read)) {
            throw new IllegalStateException("[BUG] Spark's " + format + " source gave a table that cannot be read: " + t);
        }
        this.table = read;
        this.options = options;
    }

    @Override
    public StructType schema() {
        return table.schema();
    }

    @Override
    public Scan prune(StructType columns) {
        ScanBuilder builder = table.newScanBuilder(options);
        if (builder instanceof SupportsPushDownRequiredColumns pruning) {
            pruning.pruneColumns(columns);
        }
        org.apache.spark.sql.connector.read.Scan scan = builder.build();
        Batch batch = scan.toBatch();
        return new Scan(scan.readSchema(), oneSplitEach(batch.planInputPartitions()), batch.createReaderFactory());
    }

    /**
     * Spark packs small files into one partition, as suits a scan measured in bytes; a row here costs model time,
     * not bytes, so each split (a file, or a part of a large one) becomes a partition of its own.
     */
    private static InputPartition[] oneSplitEach(InputPartition[] planned) {
        List<InputPartition> out = new ArrayList<>();
        for (InputPartition p : planned) {
            if (p instanceof FilePartition fp && fp.files().length > 1) {
                for (PartitionedFile f : fp.files()) {
                    out.add(new FilePartition(out.size(), new PartitionedFile[] {f}));
                }
            } else if (p instanceof FilePartition fp) {
                out.add(new FilePartition(out.size(), fp.files()));
            } else {
                out.add(p);
            }
        }
        return out.toArray(new InputPartition[0]);
    }
}
