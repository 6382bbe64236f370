package io.sparkinfer.spark.source;

import java.util.Arrays;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A read planned on the driver from its options: the input files, the task checked against their columns, and the
 * table's schema (the input columns, then the result column).
 */
record SourcePlan(SourceOptions options, InputFiles input, RowTask task, StructType schema) {

    static SourcePlan of(SparkSession spark, CaseInsensitiveStringMap raw) {
        SourceOptions parsed = SourceOptions.parse(raw,
                scala.jdk.javaapi.CollectionConverters.asJava(spark.sessionState().conf().getAllConfs()));
        SourceOptions options = parsed.format() != null ? parsed
                : parsed.withFormat(InputFormat.ofFiles(parsed.paths(), spark.sessionState().newHadoopConf()));
        InputFiles input = options.format() == InputFormat.IMAGE
                ? new ImageFileInput(spark, options.paths(), options.readerOptions().get("pathglobfilter"))
                : new SparkFileInput(options.format(), options.sparkReaderOptions());
        StructType in = input.schema();
        if (PromptTemplate.ordinal(in, options.outputColumn()) >= 0) {
            throw new IllegalArgumentException("the input already has a column named '" + options.outputColumn()
                    + "'; choose another name for the result with option output_column (input columns: "
                    + String.join(", ", in.fieldNames()) + ")");
        }
        RowTask task = RowTask.plan(options, in);
        StructField[] fields = Arrays.copyOf(in.fields(), in.fields().length + 1);
        fields[in.fields().length] = new StructField(options.outputColumn(), task.resultType(), true,
                org.apache.spark.sql.types.Metadata.empty());
        return new SourcePlan(options, input, task, new StructType(fields));
    }
}
