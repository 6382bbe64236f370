package io.sparkinfer.spark.source;

import io.sparkinfer.spark.plugin.ModelValidation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Plans a scan for the columns the query reads: the input format reads only those and the ones the prompt needs;
 * a query that does not read the result column (a {@code count()}, say) does not run the model.
 */
final class SparkInferScanBuilder implements ScanBuilder, SupportsPushDownRequiredColumns {
    private final SourcePlan plan;
    private StructType required;

    SparkInferScanBuilder(SourcePlan plan) {
        this.plan = plan;
        this.required = plan.schema();
    }

    @Override
    public void pruneColumns(StructType requiredSchema) {
        this.required = requiredSchema;
    }

    @Override
    public Scan build() {
        String resultName = plan.options().outputColumn();
        List<StructField> outputInputs = new ArrayList<>();
        boolean withResult = false;
        for (StructField f : required.fields()) {
            if (f.name().equals(resultName)) {
                withResult = true;
            } else {
                outputInputs.add(f);
            }
        }
        Set<String> needed = new LinkedHashSet<>();
        outputInputs.forEach(f -> needed.add(f.name()));
        if (withResult) {
            needed.addAll(plan.task().columns());
        }
        StructType inputSchema = plan.input().schema();
        List<StructField> read = new ArrayList<>();
        for (StructField f : inputSchema.fields()) {
            if (needed.stream().anyMatch(n -> n.equalsIgnoreCase(f.name()))) {
                read.add(f);
            }
        }
        InputFiles.Scan scan = plan.input().prune(new StructType(read.toArray(new StructField[0])));
        StructType readSchema = scan.readSchema();
        int[] ordinals = new int[outputInputs.size()];
        DataType[] inputTypes = new DataType[outputInputs.size()];
        for (int i = 0; i < ordinals.length; i++) {
            ordinals[i] = PromptTemplate.ordinal(readSchema, outputInputs.get(i).name());
            if (ordinals[i] < 0) {
                throw new IllegalStateException("[BUG] the " + plan.options().format() + " reader did not return column "
                        + outputInputs.get(i).name() + " (it returned " + readSchema.simpleString() + ")");
            }
            inputTypes[i] = readSchema.fields()[ordinals[i]].dataType();
        }
        RowTask task = null;
        if (withResult) {
            task = plan.task().bind(readSchema);
            SparkSession spark = SparkSession.active();
            ModelValidation.validate(plan.options().settings().spec(), spark.sessionState().newHadoopConf());
        }
        DataType[] outputTypes = new DataType[required.fields().length];
        StructType output = new StructType(outputFields(outputInputs, withResult));
        for (int i = 0; i < outputTypes.length; i++) {
            outputTypes[i] = output.fields()[i].dataType();
        }
        SparkInferReaderFactory factory = new SparkInferReaderFactory(scan.readerFactory(), task, ordinals, inputTypes,
                outputTypes, plan.options().settings().spec(), plan.options().settings().maxInFlightPerTask());
        return new SparkInferScan(plan, output, scan.partitions(), factory);
    }

    private StructField[] outputFields(List<StructField> inputs, boolean withResult) {
        List<StructField> fields = new ArrayList<>(inputs);
        if (withResult) {
            fields.add(plan.schema().fields()[plan.schema().fields().length - 1]);
        }
        return fields.toArray(new StructField[0]);
    }
}
