package io.sparkinfer.spark.testing;

import java.util.Optional;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Compares two schemas by field names (case-sensitive, in order), types and, unless ignored, nullability
 * at every level (fields, array elements, map values). Column metadata is not compared.
 */
final class SchemaComparison {

    private SchemaComparison() {
    }

    /** A readable description of how the schemas differ, or empty when they match. */
    static Optional<String> difference(StructType expected, StructType actual, boolean compareNullability) {
        if (normalize(expected, compareNullability).equals(normalize(actual, compareNullability))) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder("DataFrame schemas differ (nullability ")
                .append(compareNullability ? "compared" : "ignored").append("):\n");
        StructField[] e = expected.fields();
        StructField[] a = actual.fields();
        if (e.length != a.length) {
            out.append("  expected ").append(e.length).append(" columns, actual ").append(a.length).append('\n');
        }
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            StructField ef = i < e.length ? e[i] : null;
            StructField af = i < a.length ? a[i] : null;
            if (ef != null && af != null && normalize(ef, compareNullability).equals(normalize(af, compareNullability))) {
                continue;
            }
            out.append("  column ").append(i).append(": expected ").append(describe(ef))
                    .append(", actual ").append(describe(af));
            if (ef != null && af != null && describe(ef).equals(describe(af))) {
                out.append(" (nested nullability differs, see the trees below)");
            }
            out.append('\n');
        }
        out.append("expected schema:\n").append(expected.treeString())
                .append("actual schema:\n").append(actual.treeString());
        return Optional.of(out.toString());
    }

    private static String describe(StructField field) {
        if (field == null) {
            return "no column";
        }
        return "`" + field.name() + "` " + field.dataType().simpleString() + (field.nullable() ? " (nullable)" : " (not null)");
    }

    private static StructField normalize(StructField f, boolean keepNullability) {
        return new StructField(f.name(), normalize(f.dataType(), keepNullability), !keepNullability || f.nullable(), Metadata.empty());
    }

    /** The type with metadata dropped and, unless kept, every nullability flag set to true. */
    private static DataType normalize(DataType type, boolean keepNullability) {
        if (type instanceof StructType struct) {
            StructField[] fields = struct.fields();
            StructField[] normalized = new StructField[fields.length];
            for (int i = 0; i < fields.length; i++) {
                normalized[i] = normalize(fields[i], keepNullability);
            }
            return new StructType(normalized);
        }
        if (type instanceof ArrayType array) {
            return new ArrayType(normalize(array.elementType(), keepNullability), !keepNullability || array.containsNull());
        }
        if (type instanceof MapType map) {
            return new MapType(normalize(map.keyType(), keepNullability), normalize(map.valueType(), keepNullability),
                    !keepNullability || map.valueContainsNull());
        }
        return type;
    }
}
