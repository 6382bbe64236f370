package io.sparkinfer.spark.testing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes collected Spark values as text for failure messages: strings quoted (so "null" differs from null),
 * binary as hex, nested values spelled out. The canonical form also writes equal values identically
 * (map entries sorted, -0.0 as 0.0, decimals without trailing zeros) and serves as a sort and hash key.
 */
final class ValueRenderer {

    private ValueRenderer() {
    }

    static String row(StructType schema, Row row, boolean canonical) {
        StringJoiner out = new StringJoiner(", ", "[", "]");
        StructField[] fields = schema.fields();
        for (int i = 0; i < fields.length; i++) {
            out.add(value(fields[i].dataType(), row.get(i), canonical));
        }
        return out.toString();
    }

    static String value(DataType type, Object value, boolean canonical) {
        if (value == null) {
            return "null";
        }
        if (type instanceof StringType) {
            return '"' + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        if (type instanceof FloatType || type instanceof DoubleType) {
            double d = ((Number) value).doubleValue();
            return canonical && d == 0 ? "0.0" : value.toString();
        }
        if (type instanceof DecimalType) {
            BigDecimal d = (BigDecimal) value;
            return canonical ? d.stripTrailingZeros().toPlainString() : d.toPlainString();
        }
        if (type instanceof BinaryType) {
            return hex((byte[]) value);
        }
        if (type instanceof ArrayType array) {
            StringJoiner out = new StringJoiner(", ", "[", "]");
            for (Object element : SparkValues.list(value)) {
                out.add(value(array.elementType(), element, canonical));
            }
            return out.toString();
        }
        if (type instanceof MapType map) {
            List<String> entries = new ArrayList<>();
            for (Map.Entry<?, ?> e : SparkValues.map(value).entrySet()) {
                entries.add(value(map.keyType(), e.getKey(), canonical) + " -> " + value(map.valueType(), e.getValue(), canonical));
            }
            if (canonical) {
                entries.sort(null);
            }
            return "{" + String.join(", ", entries) + "}";
        }
        if (type instanceof StructType struct) {
            StringJoiner out = new StringJoiner(", ", "{", "}");
            StructField[] fields = struct.fields();
            for (int i = 0; i < fields.length; i++) {
                out.add(fields[i].name() + ": " + value(fields[i].dataType(), ((Row) value).get(i), canonical));
            }
            return out.toString();
        }
        return value.toString();
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder("0x");
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return out.toString();
    }
}
