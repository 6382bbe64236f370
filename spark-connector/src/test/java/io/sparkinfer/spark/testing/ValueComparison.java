package io.sparkinfer.spark.testing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Compares collected values of one Spark type, descending into arrays, maps and structs and applying the
 * float/double tolerance at every level. Answers with the first difference found, described with its path
 * (e.g. {@code scores[2]}, {@code attrs["k"]}, {@code point.x}), or empty when the values are equal.
 */
final class ValueComparison {

    private final Tolerance tolerance;

    ValueComparison(Tolerance tolerance) {
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
    }

    Optional<String> rowDifference(StructType schema, Row expected, Row actual) {
        return structDifference(schema, expected, actual, "");
    }

    Optional<String> difference(DataType type, Object expected, Object actual, String path) {
        if (expected == null || actual == null) {
            return expected == actual ? Optional.empty() : mismatch(type, expected, actual, path, "");
        }
        if (type instanceof FloatType || type instanceof DoubleType) {
            double e = ((Number) expected).doubleValue();
            double a = ((Number) actual).doubleValue();
            if (tolerance.accepts(e, a)) {
                return Optional.empty();
            }
            String why = tolerance.isExact() || Double.isNaN(e - a) ? "" : " (difference " + Math.abs(e - a) + ", tolerance " + tolerance + ")";
            return mismatch(type, expected, actual, path, why);
        }
        if (type instanceof DecimalType) {
            return ((BigDecimal) expected).compareTo((BigDecimal) actual) == 0 ? Optional.empty() : mismatch(type, expected, actual, path, "");
        }
        if (type instanceof BinaryType) {
            return Arrays.equals((byte[]) expected, (byte[]) actual) ? Optional.empty() : mismatch(type, expected, actual, path, "");
        }
        if (type instanceof ArrayType array) {
            return arrayDifference(array, expected, actual, path);
        }
        if (type instanceof MapType map) {
            return mapDifference(map, expected, actual, path);
        }
        if (type instanceof StructType struct) {
            return structDifference(struct, (Row) expected, (Row) actual, path);
        }
        return expected.equals(actual) ? Optional.empty() : mismatch(type, expected, actual, path, "");
    }

    private Optional<String> arrayDifference(ArrayType type, Object expected, Object actual, String path) {
        List<?> e = SparkValues.list(expected);
        List<?> a = SparkValues.list(actual);
        if (e.size() != a.size()) {
            return mismatch(type, expected, actual, path, " (" + e.size() + " elements expected, " + a.size() + " actual)");
        }
        for (int i = 0; i < e.size(); i++) {
            Optional<String> d = difference(type.elementType(), e.get(i), a.get(i), path + "[" + i + "]");
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    /** Pairs each expected entry with an unused actual entry whose key matches (under tolerance), then compares values. */
    private Optional<String> mapDifference(MapType type, Object expected, Object actual, String path) {
        Map<?, ?> e = SparkValues.map(expected);
        Map<?, ?> a = SparkValues.map(actual);
        if (e.size() != a.size()) {
            return mismatch(type, expected, actual, path, " (" + e.size() + " entries expected, " + a.size() + " actual)");
        }
        List<Map.Entry<?, ?>> unused = new ArrayList<>(a.entrySet());
        for (Map.Entry<?, ?> entry : e.entrySet()) {
            String entryPath = path + "[" + ValueRenderer.value(type.keyType(), entry.getKey(), false) + "]";
            Map.Entry<?, ?> match = null;
            for (Map.Entry<?, ?> candidate : unused) {
                if (difference(type.keyType(), entry.getKey(), candidate.getKey(), entryPath).isEmpty()) {
                    match = candidate;
                    break;
                }
            }
            if (match == null) {
                return mismatch(type, expected, actual, path, " (key " + ValueRenderer.value(type.keyType(), entry.getKey(), false) + " missing in actual)");
            }
            unused.remove(match);
            Optional<String> d = difference(type.valueType(), entry.getValue(), match.getValue(), entryPath);
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    private Optional<String> structDifference(StructType type, Row expected, Row actual, String path) {
        StructField[] fields = type.fields();
        for (int i = 0; i < fields.length; i++) {
            String fieldPath = path.isEmpty() ? fields[i].name() : path + "." + fields[i].name();
            Optional<String> d = difference(fields[i].dataType(), expected.get(i), actual.get(i), fieldPath);
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> mismatch(DataType type, Object expected, Object actual, String path, String why) {
        return Optional.of(path + ": expected " + ValueRenderer.value(type, expected, false)
                + " but was " + ValueRenderer.value(type, actual, false) + why);
    }
}
