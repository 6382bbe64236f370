package io.sparkinfer.spark.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Small DataFrames for the tests of this package, from a DDL schema and literal rows. */
final class Frames {

    private Frames() {
    }

    /** E.g. {@code of(spark, "id INT, name STRING", row(1, "a"), row(2, null))}. */
    static Dataset<Row> of(SparkSession spark, String ddl, Row... rows) {
        return spark.createDataFrame(new ArrayList<>(List.of(rows)), StructType.fromDDL(ddl));
    }

    static Row row(Object... values) {
        return RowFactory.create(values);
    }
}
