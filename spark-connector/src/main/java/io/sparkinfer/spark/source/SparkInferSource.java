package io.sparkinfer.spark.source;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * {@code spark.read().format("sparkinfer")}: reads input files (text lines, JSON lines, Parquet, or a directory of
 * images) and yields their columns plus the model's result for a task ({@code generate}, {@code translate},
 * {@code classify}, {@code embed}, {@code caption}) over a prompt template, through the same executor engines and
 * with the same results as the SQL functions. Options: {@link SourceOptions}.
 */
public final class SparkInferSource implements TableProvider, DataSourceRegister {
    public static final String NAME = "sparkinfer";

    /** Spark makes one provider per read and asks for the schema before the table: plan once. */
    private SourcePlan plan;
    private Map<String, String> planned;

    @Override
    public String shortName() {
        return NAME;
    }

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        return plan(options).schema();
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        return new SparkInferTable(plan(new CaseInsensitiveStringMap(properties)));
    }

    @Override
    public boolean supportsExternalMetadata() {
        return false;
    }

    private SourcePlan plan(CaseInsensitiveStringMap options) {
        Map<String, String> key = Map.copyOf(options.asCaseSensitiveMap());
        if (plan == null || !key.equals(planned)) {
            plan = SourcePlan.of(SparkSession.active(), options);
            planned = key;
        }
        return plan;
    }
}
