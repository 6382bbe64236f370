package io.sparkinfer.spark.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SchemaComparisonTest {

    private static StructType ddl(String ddl) {
        return StructType.fromDDL(ddl);
    }

    @Test
    void equalSchemasMatch() {
        assertEquals(Optional.empty(), SchemaComparison.difference(ddl("a INT, b MAP<STRING, ARRAY<DOUBLE>>"), ddl("a INT, b MAP<STRING, ARRAY<DOUBLE>>"), true));
    }

    @Test
    void metadataIsNotCompared() {
        Metadata comment = Metadata.fromJson("{\"comment\":\"the id\"}");
        StructType withComment = new StructType(new StructField[] {new StructField("id", DataTypes.IntegerType, true, comment)});
        assertEquals(Optional.empty(), SchemaComparison.difference(ddl("id INT"), withComment, true));
    }

    @Test
    void nestedNullabilityIsComparedUnlessIgnored() {
        StructType strict = new StructType().add("xs", DataTypes.createArrayType(DataTypes.DoubleType, false));
        StructType loose = new StructType().add("xs", DataTypes.createArrayType(DataTypes.DoubleType, true));
        String message = SchemaComparison.difference(strict, loose, true).orElseThrow();
        assertTrue(message.startsWith("DataFrame schemas differ (nullability compared):\n"
                + "  column 0: expected `xs` array<double> (nullable), actual `xs` array<double> (nullable)"
                + " (nested nullability differs, see the trees below)\n"), message);
        assertTrue(message.contains("|-- element: double (containsNull = false)"), message);
        assertEquals(Optional.empty(), SchemaComparison.difference(strict, loose, false));
    }

    @Test
    void missingAndExtraColumnsAreListed() {
        String message = SchemaComparison.difference(ddl("a INT, b STRING"), ddl("a INT, c STRING, d DOUBLE"), true).orElseThrow();
        assertTrue(message.contains("  expected 2 columns, actual 3\n"
                + "  column 1: expected `b` string (nullable), actual `c` string (nullable)\n"
                + "  column 2: expected no column, actual `d` double (nullable)\n"), message);
    }

    @Test
    void namesAreCaseSensitive() {
        assertTrue(SchemaComparison.difference(ddl("Id INT"), ddl("id INT"), false).isPresent());
    }
}
