package io.sparkinfer.spark.source;

import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** The input files with a result column, readable in batch. */
final class SparkInferTable implements SupportsRead {
    private final SourcePlan plan;

    SparkInferTable(SourcePlan plan) {
        this.plan = plan;
    }

    @Override
    public String name() {
        return "sparkinfer(task=" + plan.options().task().id() + ", " + String.join(", ", plan.options().paths()) + ")";
    }

    @Override
    public StructType schema() {
        return plan.schema();
    }

    @Override
    public Set<TableCapability> capabilities() {
        return Set.of(TableCapability.BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
        return new SparkInferScanBuilder(plan);
    }
}
